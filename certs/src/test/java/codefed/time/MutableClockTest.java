package codefed.time;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class MutableClockTest {
  @Test
  void at_keepsTheOffsetAsZone_andMovesOnlyWhenTold() {
    MutableClock clock = MutableClock.at("2020-03-20T23:30:00+08:00");

    assertThat(clock.getZone()).isEqualTo(ZoneOffset.ofHours(8));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2020-03-20T15:30:00Z"));
    assertThat(clock.instant())
        .as("no system time")
        .isEqualTo(Instant.parse("2020-03-20T15:30:00Z"));

    clock.advance(Duration.ofHours(1));
    assertThat(LocalDate.now(clock)).isEqualTo(LocalDate.parse("2020-03-21"));
    clock.set(Instant.parse("2021-01-31T00:00:00Z"));
    assertThat(clock.instant()).isEqualTo(Instant.parse("2021-01-31T00:00:00Z"));
  }

  @Test
  void withZone_isAViewThatMovesWithTheClock_notACopy() {
    MutableClock clock = new MutableClock(Instant.parse("2020-03-20T00:00:00Z"));
    Clock utc8 = clock.withZone(ZoneOffset.ofHours(8));

    clock.advance(Duration.ofMinutes(5));

    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(utc8.getZone()).isEqualTo(ZoneOffset.ofHours(8));
    assertThat(utc8.instant()).isEqualTo(Instant.parse("2020-03-20T00:05:00Z"));
  }
}
