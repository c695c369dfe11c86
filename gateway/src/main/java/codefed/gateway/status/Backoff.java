package codefed.gateway.status;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential reconnect backoff with jitter: initial, ×2 per failure, capped at max; each delay is
 * drawn uniformly from [delay/2, delay]. Not thread-safe (one per stream).
 */
final class Backoff {
  private final Duration initial;
  private final Duration max;
  private Duration next;

  Backoff(Duration initial, Duration max) {
    if (initial.isNegative()) {
      throw new IllegalArgumentException("initial backoff: " + initial + " (expected: >= 0)");
    }
    if (max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "max backoff: " + max + " (expected: >= initial backoff " + initial + ")");
    }
    this.initial = initial;
    this.max = max;
    this.next = initial;
  }

  /** The delay before the next attempt; doubles the following one. */
  Duration nextDelay() {
    Duration d = next;
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    long nanos = d.toNanos();
    return nanos < 2
        ? d
        : Duration.ofNanos(ThreadLocalRandom.current().nextLong(nanos / 2, nanos + 1));
  }

  /** A healthy stream: the next failure starts from the initial delay again. */
  void reset() {
    next = initial;
  }
}
