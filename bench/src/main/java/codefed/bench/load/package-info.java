/**
 * The load generator: closed-loop (fixed calls in flight) and open-loop (fixed arrival rate,
 * latency from each call's intended start) phases with warm-up, a measured window and HdrHistogram
 * latency recording per category.
 */
package codefed.bench.load;
