/**
 * Decision records shaped like the gateway's, made without a gateway from a fixed seed, so the
 * audit-append scenario and microbenchmark write the same bytes on every run.
 */
package codefed.bench.audit;
