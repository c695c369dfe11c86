/**
 * The memory scenario's child JVM: heap after a full GC before and after loading a million cached
 * statuses (through the gateway's {@link codefed.gateway.status.StatusCachePreload} seam) or a
 * million codes into a node.
 */
package codefed.bench.memory;
