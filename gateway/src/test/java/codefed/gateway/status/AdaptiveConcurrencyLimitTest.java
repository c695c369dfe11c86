package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The adaptive limit driven by samples alone: no clock, no node, no waiting. */
class AdaptiveConcurrencyLimitTest {
  private static final long FAST = Duration.ofMillis(1).toNanos();
  private static final long SLOW = Duration.ofMillis(50).toNanos();

  private long start;

  private void samples(AdaptiveConcurrencyLimit limit, int n, long rtt, int inFlight) {
    for (int i = 0; i < n; i++) {
      start += rtt;
      limit.onSample(start, rtt, inFlight, false);
    }
  }

  @Test
  void startsAtMax_fastRoundTripsAtTheLimit_neverAboveMax() {
    AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(new AdaptiveLimitSettings(2, 16));
    assertThat(limit.current()).isEqualTo(16);

    samples(limit, 50, FAST, 16);

    assertThat(limit.current()).isEqualTo(16);
  }

  @Test
  void roundTripRisesSharply_limitFallsAtOnce_butNeverBelowMin() {
    AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(new AdaptiveLimitSettings(2, 16));
    samples(limit, 20, FAST, 16);

    samples(limit, 1, SLOW, 16);
    int afterOne = limit.current();
    samples(limit, 5, SLOW, 16);
    int afterSix = limit.current();
    samples(limit, 100, SLOW, 16);

    assertThat(afterOne).isEqualTo(15);
    assertThat(afterSix).isLessThan(afterOne);
    assertThat(limit.current()).isBetween(2, 5);

    AdaptiveConcurrencyLimit floored =
        new AdaptiveConcurrencyLimit(new AdaptiveLimitSettings(8, 16));
    start = 0;
    samples(floored, 20, FAST, 16);
    samples(floored, 100, SLOW, 16);
    assertThat(floored.current()).isEqualTo(8);
  }

  @Test
  void roundTripBackToNormal_limitGrowsBackToMax() {
    AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(new AdaptiveLimitSettings(2, 16));
    samples(limit, 20, FAST, 16);
    samples(limit, 60, SLOW, 16);
    int lowered = limit.current();

    samples(limit, 1, FAST, 16);
    int afterOne = limit.current();
    samples(limit, 200, FAST, 16);

    assertThat(lowered).isLessThan(8);
    assertThat(afterOne).isGreaterThanOrEqualTo(lowered);
    assertThat(limit.current()).isEqualTo(16);
  }

  @Test
  void fewCallsInFlight_slowRoundTripsLeaveTheLimit() {
    AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(new AdaptiveLimitSettings(2, 16));
    samples(limit, 20, FAST, 16);

    samples(limit, 100, SLOW, 7); // under half the limit: the node is not what holds calls back

    assertThat(limit.current()).isEqualTo(16);
  }

  @Test
  void zeroRoundTrip_ignored_limitUnchanged() {
    AdaptiveConcurrencyLimit limit = new AdaptiveConcurrencyLimit(new AdaptiveLimitSettings(2, 16));
    samples(limit, 20, FAST, 16);
    samples(limit, 1, SLOW, 16);
    int before = limit.current();

    samples(limit, 50, 0, 16);

    assertThat(limit.current()).isEqualTo(before);
  }
}
