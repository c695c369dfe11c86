package codefed.gateway.status;

/**
 * Metrics hooks of a {@link StatusSource}; every method defaults to a no-op. Called on the lookup
 * and stream threads, so implementations must be fast and thread-safe. Exceptions thrown by a
 * listener are logged and otherwise ignored.
 */
public interface StatusListener {

  /** A listener that does nothing. */
  StatusListener NONE = new StatusListener() {};

  /**
   * One node call attempt (a retry is a second call) or a call that never left the gateway.
   *
   * @param nanos wall time of the attempt; 0 for calls refused locally
   * @param outcome {@code ok}; a lower-case gRPC code such as {@code unavailable} or {@code
   *     deadline_exceeded}; {@code refused} (answer failed a security check); {@code circuit_open},
   *     {@code bulkhead_full} or {@code all_calls_busy} (refused locally, nanos = 0)
   */
  default void nodeCall(String issuer, long nanos, String outcome) {}

  /** A lookup served from the cache. */
  default void cacheHit(String issuer) {}

  /** A lookup that found nothing fresh enough in the cache. */
  default void cacheMiss(String issuer) {}

  /**
   * The issuer's circuit breaker is now in {@code state}: {@code CLOSED}, {@code OPEN} or {@code
   * HALF_OPEN} (also reported once per issuer at start).
   */
  default void circuitState(String issuer, String state) {}

  /**
   * A node failed an identity check; the scan was handled as if the node were down. Kinds: {@code
   * tls_identity} (the TLS peer is not {@code node/<issuer>}), {@code assertion_signature} (not
   * signed by a valid key of the issuer, or naming another issuer), {@code assertion_code_id},
   * {@code assertion_nonce} (the answer is not for this request), {@code malformed_answer}.
   */
  default void securityEvent(String issuer, String kind) {}

  /**
   * The issuer's change stream announced a change (sequence {@code sequence}); the code's cached
   * answer, if any, is already invalidated when this is called.
   */
  default void statusChanged(String issuer, long sequence) {}

  /**
   * The issuer's change stream went up (connected and delivering items within the silence limit) or
   * down (also reported once per issuer at start). While it is down, cached answers of the issuer
   * are used only when very young.
   */
  default void changeStreamUp(String issuer, boolean up) {}
}
