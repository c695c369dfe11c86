package codefed.gateway.status;

import java.time.Duration;

/**
 * Per-issuer circuit breaker tuning, in seconds rather than Resilience4j's 100-call defaults.
 *
 * @param window time-based sliding window (whole seconds)
 * @param minimumCalls calls in the window before the failure rate counts
 * @param failureRatePercent the breaker opens at or above this failure rate
 * @param openFor how long an open breaker refuses calls before letting probes through
 * @param halfOpenCalls probes allowed while half-open
 */
public record BreakerSettings(
    Duration window,
    int minimumCalls,
    float failureRatePercent,
    Duration openFor,
    int halfOpenCalls) {

  /** 10 s window, 5 calls minimum, 50 % failures, open for 5 s, 2 probes. */
  public static final BreakerSettings DEFAULTS =
      new BreakerSettings(Duration.ofSeconds(10), 5, 50f, Duration.ofSeconds(5), 2);

  public BreakerSettings {
    if (window.toSeconds() < 1 || window.toNanos() % 1_000_000_000L != 0) {
      throw new IllegalArgumentException("window: " + window + " (expected: whole seconds >= 1)");
    }
    if (minimumCalls < 1) {
      throw new IllegalArgumentException("minimumCalls: " + minimumCalls + " (expected: > 0)");
    }
    if (!(failureRatePercent > 0 && failureRatePercent <= 100)) {
      throw new IllegalArgumentException(
          "failureRatePercent: " + failureRatePercent + " (expected: in (0, 100])");
    }
    if (openFor.isNegative() || openFor.isZero()) {
      throw new IllegalArgumentException("openFor: " + openFor + " (expected: > 0)");
    }
    if (halfOpenCalls < 1) {
      throw new IllegalArgumentException("halfOpenCalls: " + halfOpenCalls + " (expected: > 0)");
    }
  }
}
