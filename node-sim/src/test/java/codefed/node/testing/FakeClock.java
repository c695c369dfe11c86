package codefed.node.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock tests move by hand. */
public final class FakeClock extends Clock {
  private volatile Instant now;
  private final ZoneId zone;

  public FakeClock(Instant start) {
    this(start, ZoneOffset.ofHours(8));
  }

  private FakeClock(Instant start, ZoneId zone) {
    this.now = start;
    this.zone = zone;
  }

  public static FakeClock at(String iso) {
    return new FakeClock(java.time.OffsetDateTime.parse(iso).toInstant());
  }

  public void advance(Duration duration) {
    now = now.plus(duration);
  }

  public void set(Instant instant) {
    now = instant;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId newZone) {
    return new FakeClock(now, newZone);
  }

  @Override
  public Instant instant() {
    return now;
  }
}
