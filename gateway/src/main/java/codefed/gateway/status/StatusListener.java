package codefed.gateway.status;

/** Metrics hooks of the status source; every method defaults to doing nothing. */
public interface StatusListener {
  default void nodeCall(String issuer, long nanos, String outcome) {}

  default void cacheHit(String issuer) {}

  default void cacheMiss(String issuer) {}

  default void circuitState(String issuer, String state) {}

  default void securityEvent(String issuer, String kind) {}
}
