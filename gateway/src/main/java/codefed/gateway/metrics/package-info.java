/**
 * The gateway's metrics in the Prometheus text format, served on loopback: decisions, latencies,
 * node calls, rate limits, refused handshakes and the time left before the trust list and CRL
 * expire.
 */
package codefed.gateway.metrics;
