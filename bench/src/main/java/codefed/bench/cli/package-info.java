/**
 * The {@code codefed bench} command and the entry point of {@code codefed-bench.jar}: scenario
 * selection, the generator's own JVM (relaunched with a large young generation so its pauses do not
 * count against the servers) and where results are written. The product's {@code codefed.jar} does
 * not contain it.
 */
package codefed.bench.cli;
