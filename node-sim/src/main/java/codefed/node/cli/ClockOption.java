package codefed.node.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The node's clock: the system clock, or a simulated one started at {@code --clock-start}. */
final class ClockOption {
  /** Seeds and drills are in China Standard Time. */
  static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private ClockOption() {}

  /**
   * The system clock, or one that reads {@code start} now and runs on at real speed (drills and
   * acceptance runs replaying 2020).
   */
  static Clock of(OffsetDateTime start) {
    Clock system = Clock.system(CHINA);
    if (start == null) {
      return system;
    }
    return Clock.offset(system, Duration.between(Instant.now(system), start.toInstant()));
  }
}
