package codefed.gateway.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** A bounded wait for an asynchronous event: polls a condition, fails after the bound. */
public final class Poll {
  private Poll() {}

  public static void until(String what, Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("not within " + bound + ": " + what);
      }
      LockSupport.parkNanos(2_000_000);
    }
  }
}
