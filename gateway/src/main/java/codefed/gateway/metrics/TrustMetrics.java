package codefed.gateway.metrics;

import java.util.List;
import java.util.function.LongSupplier;

/**
 * The health of the gateway's trust material: refused TLS handshakes by reason, and how long until
 * the trust list and the CRL reach their next_update (negative once past it), so an operator is
 * warned days before a cliff instead of on the day.
 */
public final class TrustMetrics {
  private final Counters handshakes =
      new Counters(
          "codefed_tls_handshake_failures_total",
          "TLS handshakes refused by the gateway, by reason (unknown_ca, revoked, expired, ...).",
          "reason");
  private volatile LongSupplier trustListExpiry;
  private volatile LongSupplier crlExpiry;

  /** A handshake was refused for {@code reason}. */
  public void handshakeRefused(String reason) {
    handshakes.inc(reason);
  }

  public long handshakeFailures(String reason) {
    return handshakes.get(reason);
  }

  /** Where the seconds to each next_update come from (read at every scrape). */
  public void expiries(LongSupplier trustList, LongSupplier crl) {
    this.trustListExpiry = trustList;
    this.crlExpiry = crl;
  }

  void render(PrometheusText text) {
    handshakes.render(text);
    gauge(
        text,
        "codefed_trust_list_expires_seconds",
        "Seconds until the trust list in use reaches its next_update (negative: past it).",
        trustListExpiry);
    gauge(
        text,
        "codefed_crl_expires_seconds",
        "Seconds until the CRL in use reaches its next_update (negative: past it).",
        crlExpiry);
  }

  private static void gauge(PrometheusText text, String name, String help, LongSupplier value) {
    if (value == null) {
      return;
    }
    long v;
    try {
      v = value.getAsLong();
    } catch (RuntimeException e) {
      return; // a scrape must never fail because one source did
    }
    text.header(name, help, "gauge");
    text.sample(name, List.of(), List.of(), v);
  }
}
