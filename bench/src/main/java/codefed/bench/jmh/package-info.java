/**
 * JMH microbenchmarks of the steps a decision is made of: QR parse and signature verification per
 * algorithm, policy evaluation, a status cache hit and one durable audit append. They rank and
 * explain the load scenarios; the {@code micro} scenario runs them.
 */
package codefed.bench.jmh;
