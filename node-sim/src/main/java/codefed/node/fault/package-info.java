/**
 * Injected node faults for tests and drills (added latency, an error rate, a hang, the node down),
 * shared by the gRPC layer, the drill service and in-process drivers.
 */
package codefed.node.fault;
