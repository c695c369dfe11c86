package codefed.bench.load;

import java.time.Duration;
import java.util.Objects;

/**
 * How to drive a target: closed loop (a fixed number of operations in flight, each completion
 * starting the next) or open loop (a fixed arrival rate, latency measured from each operation's
 * intended start so that a stalled server cannot hide its queue: no coordinated omission).
 *
 * @param concurrency closed loop: operations in flight; open loop: ignored (0)
 * @param ratePerSecond open loop: arrivals per second; closed loop: 0
 * @param maxInFlight open loop: the sender waits (latency still counts from the intended time) once
 *     this many operations are outstanding
 */
public record LoadPlan(
    Mode mode,
    int concurrency,
    double ratePerSecond,
    Duration warmup,
    Duration duration,
    int maxInFlight) {

  /** The two ways of applying load. */
  public enum Mode {
    CLOSED,
    OPEN
  }

  public LoadPlan {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(duration, "duration");
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("warmup: " + warmup + " (expected: >= 0)");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
    }
    if (mode == Mode.CLOSED && concurrency <= 0) {
      throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: > 0)");
    }
    if (mode == Mode.OPEN && !(ratePerSecond > 0)) {
      throw new IllegalArgumentException("rate: " + ratePerSecond + "/s (expected: > 0)");
    }
    if (maxInFlight <= 0) {
      throw new IllegalArgumentException("maxInFlight: " + maxInFlight + " (expected: > 0)");
    }
  }

  public static LoadPlan closed(int concurrency, Duration warmup, Duration duration) {
    return new LoadPlan(Mode.CLOSED, concurrency, 0, warmup, duration, concurrency);
  }

  public static LoadPlan open(double ratePerSecond, Duration warmup, Duration duration) {
    return new LoadPlan(Mode.OPEN, 0, ratePerSecond, warmup, duration, 20_000);
  }

  /** "closed, 128 in flight" or "open, 2500/s". */
  public String describe() {
    return mode == Mode.CLOSED
        ? "closed loop, " + concurrency + " in flight"
        : String.format(java.util.Locale.ROOT, "open loop, %.0f/s", ratePerSecond);
  }
}
