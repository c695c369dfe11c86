/**
 * What a benchmark child JVM serves: the baseline mTLS echo, the province nodes or the real
 * gateway, started from {@code ServerMain <role>} and driven by command lines on stdin.
 */
package codefed.bench.server;
