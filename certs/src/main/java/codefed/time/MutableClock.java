package codefed.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when told to, so drills and tests control time instead of waiting for it:
 * every node and gateway of a drill shares one, so "scanned at 2020-03-20T09:00+08:00" means the
 * same instant to all of them. Thread-safe; it never reads the system time.
 */
public final class MutableClock extends Clock {
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** A clock at {@code start} in UTC. */
  public MutableClock(Instant start) {
    this(start, ZoneOffset.UTC);
  }

  /** A clock at {@code start} in {@code zone} (what dates are computed in). */
  public MutableClock(Instant start, ZoneId zone) {
    this(new AtomicReference<>(Objects.requireNonNull(start, "start")), zone);
  }

  private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = Objects.requireNonNull(zone, "zone");
  }

  /**
   * A clock at an ISO-8601 date-time with offset, in that offset: {@code
   * at("2020-03-20T09:00:00+08:00")}.
   */
  public static MutableClock at(String isoOffsetDateTime) {
    OffsetDateTime t = OffsetDateTime.parse(isoOffsetDateTime);
    return new MutableClock(t.toInstant(), t.getOffset());
  }

  /** Sets the time. */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant"));
  }

  /** Moves the time by {@code d} (backwards when negative). */
  public void advance(Duration d) {
    now.updateAndGet(i -> i.plus(d));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same time, moved by the same calls, seen in {@code zone}. */
  @Override
  public Clock withZone(ZoneId zone) {
    return zone.equals(this.zone) ? this : new MutableClock(now, zone);
  }
}
