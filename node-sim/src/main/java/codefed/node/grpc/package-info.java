/**
 * The node's gRPC side: {@code ProvinceNodeService} and the separate {@code NodeDrillService}
 * behind authentication, per-province write authority and the down switch, with proto and domain
 * translation, one status mapping and flow-controlled change streams.
 */
package codefed.node.grpc;
