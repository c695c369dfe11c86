package codefed.gateway.audit;

import codefed.threads.DaemonThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches the writer so that a failed or stuck disk shows in the gateway's health even when no scan
 * is waiting: a daemon thread checks a few times per durability timeout whether the writer failed
 * or has held a request longer than the timeout, and tells the listeners of every change.
 */
final class WriterWatch implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(WriterWatch.class.getName());

  private final GroupCommitWriter writer;
  private final long timeoutNanos;
  private final Duration timeout;
  private final List<WriterStateListener> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService timer;
  private volatile WriterState state = WriterState.UP; // written holding this

  WriterWatch(GroupCommitWriter writer, Duration timeout) {
    this.writer = writer;
    this.timeout = timeout;
    this.timeoutNanos = timeout.toNanos();
    this.timer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("audit-log-watch"));
  }

  void start() {
    long period =
        Math.max(
            TimeUnit.MILLISECONDS.toNanos(10),
            Math.min(TimeUnit.SECONDS.toNanos(1), timeoutNanos / 4));
    timer.scheduleWithFixedDelay(this::check, period, period, TimeUnit.NANOSECONDS);
  }

  WriterState state() {
    return state;
  }

  /** Adds a listener and tells it the current state at once. */
  synchronized void add(WriterStateListener listener) {
    listeners.add(listener);
    listener.writerState(state, writer.failure());
  }

  /**
   * Re-evaluates the state now (also called by the writer when it fails, and by a timed-out wait).
   */
  synchronized void check() {
    Throwable failure = writer.failure();
    WriterState now =
        failure != null
            ? WriterState.FAILED
            : writer.waitingNanos(System.nanoTime()) > timeoutNanos
                ? WriterState.STUCK
                : WriterState.UP;
    if (now == state) {
      return;
    }
    state = now;
    if (now == WriterState.STUCK) {
      LOG.severe(
          "audit log: the writer has held a request longer than "
              + timeout
              + "; appends fail with UNAVAILABLE until it moves again");
    } else if (now == WriterState.UP) {
      LOG.warning("audit log: the writer is moving again");
    }
    for (WriterStateListener l : listeners) {
      try {
        l.writerState(now, failure);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "audit log: writer state listener failed", e);
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
