package codefed.gateway.server;

import java.time.Duration;
import java.util.Objects;

/**
 * A checkpoint exceeded its scan rate; nothing was decided or recorded. Carries the limit and when
 * the next scan will be accepted, so the caller can be told both.
 */
public final class RateLimitedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int permits;
  private final transient Duration period;
  private final transient Duration retryAfter;

  public RateLimitedException(
      String checkpoint, int permits, Duration period, Duration retryAfter) {
    super(
        "checkpoint "
            + checkpoint
            + " exceeded its scan rate of "
            + permits
            + " per "
            + text(period)
            + "; retry after "
            + text(retryAfter));
    this.permits = permits;
    this.period = Objects.requireNonNull(period, "period");
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public int permits() {
    return permits;
  }

  public Duration period() {
    return period;
  }

  /** How long until the checkpoint's next permit (at least 1 ms). */
  public Duration retryAfter() {
    return retryAfter;
  }

  static String text(Duration d) {
    if (d.toMillis() < 1000) {
      return Math.max(1, d.toMillis()) + " ms";
    }
    return d.toMillis() % 1000 == 0
        ? d.toSeconds() + " s"
        : String.format("%.1f s", d.toMillis() / 1000.0);
  }
}
