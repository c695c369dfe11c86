package codefed.gateway.status;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One issuer's bulkhead as a limit on node calls in flight, not on threads: past the limit a call
 * waits in a bounded queue, holding no thread, until a call ends or its wait is over. A busy but
 * healthy node thus makes scans wait briefly instead of sending them down the unreachable path.
 */
final class InFlightLimit {
  private static final CompletableFuture<Boolean> GRANTED = CompletableFuture.completedFuture(true);
  private static final CompletableFuture<Boolean> REFUSED =
      CompletableFuture.completedFuture(false);

  private final int limit;
  private final int maxQueued;
  private final Duration maxWait;
  private final ScheduledExecutorService timer;
  private final ArrayDeque<CompletableFuture<Boolean>> waiting = new ArrayDeque<>();
  private int inFlight;

  /**
   * @param limit calls in flight at once
   * @param maxQueued calls waiting at most; past it a call is refused at once
   * @param maxWait how long a call may wait for a slot; zero: refused at once when full
   * @param timer ends waits that ran out
   */
  InFlightLimit(int limit, int maxQueued, Duration maxWait, ScheduledExecutorService timer) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit: " + limit + " (expected: > 0)");
    }
    if (maxQueued < 0) {
      throw new IllegalArgumentException("maxQueued: " + maxQueued + " (expected: >= 0)");
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait: " + maxWait + " (expected: >= 0)");
    }
    this.limit = limit;
    this.maxQueued = maxQueued;
    this.maxWait = maxWait;
    this.timer = timer;
  }

  /**
   * Completes with {@code true} once the caller holds a slot (it must then call {@link #release()}
   * exactly once), or {@code false} when none came free within the wait or the queue was full. A
   * slot freed by {@link #release()} completes the next waiter on the releasing thread.
   */
  CompletableFuture<Boolean> acquire() {
    CompletableFuture<Boolean> waiter;
    synchronized (this) {
      if (inFlight < limit) {
        inFlight++;
        return GRANTED;
      }
      if (maxWait.isZero() || waiting.size() >= maxQueued) {
        return REFUSED;
      }
      waiter = new CompletableFuture<>();
      waiting.addLast(waiter);
    }
    ScheduledFuture<?> expiry =
        timer.schedule(() -> expire(waiter), maxWait.toNanos(), TimeUnit.NANOSECONDS);
    waiter.whenComplete((granted, failure) -> expiry.cancel(false));
    return waiter;
  }

  private void expire(CompletableFuture<Boolean> waiter) {
    synchronized (this) {
      if (!waiting.remove(waiter)) {
        return; // granted meanwhile
      }
    }
    waiter.complete(false);
  }

  /** Ends a call: its slot goes to the longest waiter, if any. */
  void release() {
    CompletableFuture<Boolean> next;
    synchronized (this) {
      next = waiting.pollFirst();
      if (next == null) {
        if (inFlight == 0) {
          throw new IllegalStateException("release without a slot");
        }
        inFlight--;
        return;
      }
    }
    next.complete(true); // the slot passes on; inFlight unchanged
  }

  /** Calls in flight now (for tests and metrics). */
  synchronized int inFlight() {
    return inFlight;
  }

  /** Calls waiting for a slot now. */
  synchronized int queued() {
    return waiting.size();
  }
}
