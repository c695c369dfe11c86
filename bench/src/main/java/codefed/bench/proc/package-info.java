/**
 * Child JVMs for the benchmark's servers and probes (a line protocol on stdio) and the CPU clocks
 * read from them and from the host: process CPU, JIT compiler threads and hypervisor steal, all
 * from {@code /proc} or the JVM.
 */
package codefed.bench.proc;
