/**
 * Where a node keeps issued codes: the registry interface a real province backs with its own store,
 * and the simulator's compact in-memory implementation (a million codes in well under 1 GiB).
 */
package codefed.node.registry;
