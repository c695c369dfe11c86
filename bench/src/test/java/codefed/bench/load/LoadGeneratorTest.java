package codefed.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  @Test
  void closedLoop_keepsCallingUntilTheWindowEnds_andCountsCategoriesAndFailures() {
    AtomicInteger windows = new AtomicInteger();
    AsyncCall call =
        (i, outcome) -> {
          if (i % 10 == 9) {
            outcome.failed("every tenth fails");
          } else {
            outcome.succeeded((int) (i % 2));
          }
        };

    LoadResult r =
        LoadGenerator.run(
            call,
            LoadPlan.closed(4, Duration.ZERO, Duration.ofMillis(200)),
            List.of("even", "odd"),
            new WindowListener() {
              @Override
              public void windowStarted() {
                windows.incrementAndGet();
              }

              @Override
              public void windowEnded() {
                windows.incrementAndGet();
              }
            });

    assertThat(windows).hasValue(2);
    assertThat(r.completed()).isPositive();
    assertThat(r.byCategory().get("even").completed() + r.byCategory().get("odd").completed())
        .isEqualTo(r.completed());
    assertThat(r.failed()).isPositive();
    assertThat(r.failureSamples()).containsExactly("every tenth fails");
    assertThat(r.latency().count()).isEqualTo(r.completed());
  }

  @Test
  void openLoop_sendsAtTheAskedRate() {
    LoadResult r =
        LoadGenerator.run(
            (i, outcome) -> outcome.succeeded(0),
            LoadPlan.open(2000, Duration.ZERO, Duration.ofMillis(300)),
            WindowListener.NONE);

    // 2000/s over 0.3 s: about 600 arrivals, all answered at once. Never more than asked; fewer
    // when a loaded machine runs the sender late (arrivals after the window are not counted).
    assertThat(r.completed()).isBetween(1L, 800L);
    assertThat(r.failed()).isZero();
    assertThat(r.targetRatePerSecond()).isEqualTo(2000);
  }

  @Test
  void openLoop_withAPacer_startsEveryCallOnThePacersThread_atTheAskedRate() throws Exception {
    ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
    try {
      Thread pacerThread = loop.submit(Thread::currentThread).get();
      Set<Thread> starters = ConcurrentHashMap.newKeySet();
      AsyncCall call =
          new AsyncCall() {
            @Override
            public void start(long index, Outcome outcome) {
              starters.add(Thread.currentThread());
              outcome.succeeded(0);
            }

            @Override
            public List<ScheduledExecutorService> pacers() {
              return List.of(loop);
            }
          };

      LoadResult r =
          LoadGenerator.run(
              call,
              LoadPlan.open(2000, Duration.ZERO, Duration.ofMillis(300)),
              WindowListener.NONE);

      assertThat(starters).containsExactly(pacerThread);
      assertThat(r.completed()).isBetween(1L, 800L);
      assertThat(r.failed()).isZero();
    } finally {
      loop.shutdownNow();
    }
  }

  @Test
  void warmupEnding_mayExtendTheWarmup_untilTheOfferedDeadline_andTheWindowKeepsItsLength() {
    long[] offered = new long[1];
    long started = System.nanoTime();
    LoadResult r =
        LoadGenerator.run(
            (i, outcome) -> outcome.succeeded(0),
            LoadPlan.open(1000, Duration.ofMillis(100), Duration.ofMillis(200)),
            new WindowListener() {
              @Override
              public void warmupEnding(long deadlineNanos) {
                offered[0] = deadlineNanos - started;
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(150).toNanos());
              }
            });

    // The deadline offered is the planned warm-up plus the longest extension.
    assertThat(Duration.ofNanos(offered[0]))
        .isBetween(
            Duration.ofMillis(100).plus(LoadGenerator.MAX_EXTENSION),
            Duration.ofMillis(300).plus(LoadGenerator.MAX_EXTENSION));
    assertThat(r.warmupExtendedSeconds()).isBetween(0.14, 1.0);
    assertThat(r.seconds()).isBetween(0.19, 1.0);
    // Arrivals continue through the extension, and the window still sees its ~200 of them.
    assertThat(r.completed()).isBetween(120L, 280L);
  }

  @Test
  void noWarmup_isNeverExtended() {
    assertThat(LoadGenerator.maxExtension(Duration.ZERO)).isEqualTo(Duration.ZERO);
    assertThat(LoadGenerator.maxExtension(Duration.ofSeconds(4)))
        .isEqualTo(LoadGenerator.MAX_EXTENSION);
  }

  @Test
  void plan_refusesNonsense() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LoadPlan.open(0, Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessage("rate: 0.0/s (expected: > 0)");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> LoadPlan.closed(0, Duration.ZERO, Duration.ofSeconds(1)))
        .hasMessage("concurrency: 0 (expected: > 0)");
  }
}
