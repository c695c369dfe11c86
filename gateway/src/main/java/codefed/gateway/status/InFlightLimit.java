package codefed.gateway.status;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One issuer's bulkhead as a limit on node calls in flight, not on threads: past the limit a call
 * waits in a bounded queue, holding no thread, until a call ends or its wait is over. A busy but
 * healthy node thus makes scans wait briefly instead of sending them down the unreachable path.
 *
 * <p>The limit itself is a {@link ConcurrencyLimit}: fixed, or adapted to the node's round trips.
 * When it grows, waiting calls are granted at once; when it shrinks, calls in flight finish as
 * usual and further grants wait until fewer than the new limit are in flight.
 */
final class InFlightLimit {
  private static final CompletableFuture<Boolean> GRANTED = CompletableFuture.completedFuture(true);
  private static final CompletableFuture<Boolean> REFUSED =
      CompletableFuture.completedFuture(false);

  private final ConcurrencyLimit limit;
  private final int maxQueued;
  private final Duration maxWait;
  private final ScheduledExecutorService timer;
  private final ArrayDeque<CompletableFuture<Boolean>> waiting = new ArrayDeque<>();
  private int inFlight;

  /** A fixed limit of {@code limit} calls in flight at once. */
  InFlightLimit(int limit, int maxQueued, Duration maxWait, ScheduledExecutorService timer) {
    this(ConcurrencyLimit.fixed(limit), maxQueued, maxWait, timer);
  }

  /**
   * @param limit calls in flight at once, read on every grant
   * @param maxQueued calls waiting at most; past it a call is refused at once
   * @param maxWait how long a call may wait for a slot; zero: refused at once when full
   * @param timer ends waits that ran out
   */
  InFlightLimit(
      ConcurrencyLimit limit, int maxQueued, Duration maxWait, ScheduledExecutorService timer) {
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
   * or {@link #release(long, long, int, boolean)} exactly once), or {@code false} when none came
   * free within the wait or the queue was full. A slot freed by a release completes the next waiter
   * on the releasing thread.
   */
  CompletableFuture<Boolean> acquire() {
    CompletableFuture<Boolean> waiter;
    synchronized (this) {
      if (inFlight < limit.current()) {
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

  /**
   * Ends a call that says nothing about the node (it was never sent, or cancelled): its slot goes
   * to the longest waiter, if any.
   */
  void release() {
    List<CompletableFuture<Boolean>> granted;
    synchronized (this) {
      if (inFlight == 0) {
        throw new IllegalStateException("release without a slot");
      }
      inFlight--;
      granted = grantWhileBelowLimit();
    }
    granted.forEach(w -> w.complete(true)); // the slots pass on, counted already
  }

  /**
   * Ends a node call and tells the limit how it went (see {@link ConcurrencyLimit#onSample}) before
   * the slot is passed on, so that a limit that grew grants several waiters and one that shrank
   * grants none.
   */
  void release(long startNanos, long rttNanos, int inFlightAtStart, boolean dropped) {
    // Outside this object's lock: the algorithm has its own.
    limit.onSample(startNanos, rttNanos, inFlightAtStart, dropped);
    release();
  }

  /** Waiters that get a slot now, counted as in flight; completed by the caller, unlocked. */
  private List<CompletableFuture<Boolean>> grantWhileBelowLimit() {
    int now = limit.current();
    if (waiting.isEmpty() || inFlight >= now) {
      return List.of();
    }
    List<CompletableFuture<Boolean>> granted = new ArrayList<>();
    while (inFlight < now && !waiting.isEmpty()) {
      granted.add(waiting.pollFirst());
      inFlight++;
    }
    return granted;
  }

  /** The limit now (for tests and metrics). */
  int limit() {
    return limit.current();
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
