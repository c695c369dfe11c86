package codefed.gateway.status;

import static org.assertj.core.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Bounded waits for work done on other threads (never waits for time to pass). */
final class Await {
  static final Duration LIMIT = Duration.ofSeconds(5);

  private Await() {}

  static void until(String what, BooleanSupplier condition) {
    long end = System.nanoTime() + LIMIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        fail("not within " + LIMIT + ": " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }

  static <T> T next(String what, BlockingQueue<T> queue) throws InterruptedException {
    T item = queue.poll(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    if (item == null) {
      fail("not within " + LIMIT + ": " + what);
    }
    return item;
  }
}
