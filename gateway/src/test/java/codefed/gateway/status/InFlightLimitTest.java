package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InFlightLimitTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

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
}
