package codefed.gateway.server;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Per-checkpoint scan rate limit: one Resilience4j rate limiter per caller name, never waiting for
 * a permit (a scanner over its rate is told at once).
 */
public final class CheckpointRateLimiter {
  private final RateLimiterRegistry registry;
  private final Consumer<String> onRejected;
  private final int permits;
  private final Duration period;

  /**
   * @param permits scans allowed per {@code period} and checkpoint
   * @param onRejected told the checkpoint's name on every rejection (metrics)
   */
  public CheckpointRateLimiter(int permits, Duration period, Consumer<String> onRejected) {
    if (permits <= 0) {
      throw new IllegalArgumentException("permits: " + permits + " (expected: > 0)");
    }
    this.registry =
        RateLimiterRegistry.of(
            RateLimiterConfig.custom()
                .limitForPeriod(permits)
                .limitRefreshPeriod(period)
                .timeoutDuration(Duration.ZERO)
                .build());
    this.onRejected = onRejected;
    this.permits = permits;
    this.period = period;
  }

  /** Takes one permit for {@code checkpoint}, or refuses. */
  public void acquire(String checkpoint) throws RateLimitedException {
    RateLimiter limiter = registry.rateLimiter(checkpoint);
    if (!limiter.acquirePermission()) {
      onRejected.accept(checkpoint);
      long nanos =
          limiter instanceof AtomicRateLimiter atomic
              ? atomic.getDetailedMetrics().getNanosToWait()
              : period.toNanos();
      Duration wait = Duration.ofNanos(Math.max(nanos, 1_000_000));
      throw new RateLimitedException(checkpoint, permits, period, wait);
    }
  }
}
