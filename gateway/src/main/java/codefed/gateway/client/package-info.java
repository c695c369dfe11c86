/**
 * A checkpoint's connection to its jurisdiction's gateway fleet: the gateways' addresses, round
 * robin over health-checked subchannels, every server pinned to the fleet's identity.
 */
package codefed.gateway.client;
