/**
 * The benchmark scenarios (baseline, peer, hot, cold, mixed, node-down, stream, audit-append,
 * memory, micro) and what they share in one run: settings, a throw-away PKI, the child processes,
 * code pools, and the baseline and peer every result is compared with.
 */
package codefed.bench.scenario;
