package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  /** A limit the test sets by hand; it records the samples it is fed. */
  private static final class SetLimit implements ConcurrencyLimit {
    volatile int value;
    final List<String> samples = new ArrayList<>();

    SetLimit(int value) {
      this.value = value;
    }

    @Override
    public int current() {
      return value;
    }

    @Override
    public synchronized void onSample(
        long startNanos, long rttNanos, int inFlightAtStart, boolean dropped) {
      samples.add(startNanos + " " + rttNanos + " " + inFlightAtStart + " " + dropped);
    }
  }

  @AfterEach
  void tearDown() {
    timer.shutdownNow();
  }

  @Test
  void slotsPassToWaitersInOrder_countNeverExceedsTheLimit() {
    InFlightLimit limit = new InFlightLimit(2, 10, Duration.ofMinutes(1), timer);
    assertThat(limit.acquire()).isCompletedWithValue(true);
    assertThat(limit.acquire()).isCompletedWithValue(true);
    CompletableFuture<Boolean> a = limit.acquire();
    CompletableFuture<Boolean> b = limit.acquire();
    assertThat(a).isNotDone();
    assertThat(limit.queued()).isEqualTo(2);

    limit.release();

    assertThat(a).isCompletedWithValue(true);
    assertThat(b).isNotDone();
    assertThat(limit.inFlight()).isEqualTo(2);
    limit.release();
    limit.release();
    limit.release();
    assertThat(b).isCompletedWithValue(true);
    assertThat(limit.inFlight()).isZero();
    assertThatThrownBy(limit::release).hasMessage("release without a slot");
  }

  @Test
  void zeroWait_refusedAtOnce_nothingQueued() {
    InFlightLimit limit = new InFlightLimit(1, 10, Duration.ZERO, timer);
    limit.acquire();
    assertThat(limit.acquire()).isCompletedWithValue(false);
    assertThat(limit.queued()).isZero();
    assertThat(limit.inFlight()).isEqualTo(1);
  }

  @Test
  void waitOver_refused_slotNotHandedToIt() throws Exception {
    InFlightLimit limit = new InFlightLimit(1, 10, Duration.ofMillis(20), timer);
    limit.acquire();
    CompletableFuture<Boolean> late = limit.acquire();

    assertThat(late.get(5, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
    limit.release();
    assertThat(limit.inFlight()).isZero();
    assertThat(limit.queued()).isZero();
  }

  @Test
  void invalidSettings_named() {
    assertThatThrownBy(() -> new InFlightLimit(0, 1, Duration.ZERO, timer))
        .hasMessage("limit: 0 (expected: > 0)");
    assertThatThrownBy(() -> new InFlightLimit(1, -1, Duration.ZERO, timer))
        .hasMessage("maxQueued: -1 (expected: >= 0)");
    assertThatThrownBy(() -> new InFlightLimit(1, 1, Duration.ofMillis(-1), timer))
        .hasMessage("maxWait: PT-0.001S (expected: >= 0)");
  }

  @Test
  void limitGrows_nextReleaseGrantsAsManyWaitersAsItAllows_inOrder() {
    SetLimit set = new SetLimit(1);
    InFlightLimit limit = new InFlightLimit(set, 10, Duration.ofMinutes(1), timer);
    limit.acquire();
    CompletableFuture<Boolean> a = limit.acquire();
    CompletableFuture<Boolean> b = limit.acquire();
    CompletableFuture<Boolean> c = limit.acquire();
    CompletableFuture<Boolean> d = limit.acquire();

    set.value = 3;
    limit.release(100, 5, 1, false);

    assertThat(a).isCompletedWithValue(true);
    assertThat(b).isCompletedWithValue(true);
    assertThat(c).isCompletedWithValue(true);
    assertThat(d).isNotDone(); // three in flight now: the new limit, not more
    assertThat(limit.inFlight()).isEqualTo(3);
    assertThat(limit.queued()).isEqualTo(1);
    assertThat(set.samples).containsExactly("100 5 1 false");
  }

  @Test
  void limitShrinks_callsInFlightFinish_newGrantsWaitUntilFewerThanIt() {
    SetLimit set = new SetLimit(3);
    InFlightLimit limit = new InFlightLimit(set, 10, Duration.ofMinutes(1), timer);
    limit.acquire();
    limit.acquire();
    limit.acquire();
    CompletableFuture<Boolean> waiting = limit.acquire();

    set.value = 1;
    limit.release(0, 9, 3, true);
    limit.release();

    assertThat(waiting).isNotDone(); // one still in flight: the new limit
    assertThat(limit.inFlight()).isEqualTo(1);
    assertThat(limit.acquire()).isNotDone(); // queued behind it, not granted, not refused
    limit.release();
    assertThat(waiting).isCompletedWithValue(true);
    assertThat(limit.inFlight()).isEqualTo(1);
    assertThat(set.samples).containsExactly("0 9 3 true"); // release() feeds nothing
  }

  @Test
  void adaptive_slowRoundTripsLowerIt_furtherCallWaitsThoughBelowMax_grantedWhenOneEnds()
      throws Exception {
    AdaptiveConcurrencyLimit adaptive =
        new AdaptiveConcurrencyLimit(new AdaptiveLimitSettings(2, 8));
    InFlightLimit limit = new InFlightLimit(adaptive, 10, Duration.ofMinutes(1), timer);
    long fast = Duration.ofMillis(1).toNanos();
    long slow = Duration.ofMillis(50).toNanos();
    for (int i = 0; i < 20; i++) { // the node's usual round trip
      limit.acquire();
      limit.release(i * fast, fast, 8, false);
    }
    for (int i = 0; i < 8; i++) { // then a burst at the limit, much slower
      assertThat(limit.acquire()).isCompletedWithValue(true);
    }
    for (int i = 0; i < 8; i++) {
      limit.release(i, slow, 8, false);
    }
    int lowered = limit.limit();
    assertThat(lowered).isLessThan(8);
    for (int i = 0; i < lowered; i++) {
      assertThat(limit.acquire()).isCompletedWithValue(true);
    }

    CompletableFuture<Boolean> beyond = limit.acquire();

    assertThat(beyond).isNotDone();
    assertThat(limit.inFlight()).isEqualTo(lowered);
    limit.release();
    assertThat(beyond).isCompletedWithValue(true);
    assertThat(limit.inFlight()).isEqualTo(lowered);
  }

  @Test
  void adaptive_waitOver_refused_neverGranted() throws Exception {
    InFlightLimit limit =
        new InFlightLimit(
            new AdaptiveConcurrencyLimit(new AdaptiveLimitSettings(1, 1)),
            10,
            Duration.ofMillis(20),
            timer);
    limit.acquire();

    assertThat(limit.acquire().get(5, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
    assertThat(limit.queued()).isZero();
    assertThat(limit.inFlight()).isEqualTo(1);
  }
}
