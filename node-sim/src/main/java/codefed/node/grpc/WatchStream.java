package codefed.node.grpc;

import codefed.node.changes.ChangeFeed;
import codefed.node.changes.ConsumerTooSlowException;
import codefed.node.changes.Poll;
import codefed.node.changes.SequenceOutOfRangeException;
import codefed.node.changes.Subscription;
import healthcode.federation.v1.WatchStatusChangesResponse;
import io.grpc.stub.ServerCallStreamObserver;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One {@code WatchStatusChanges} stream: moves events from a {@link Subscription} to the client
 * only while the transport is ready (gRPC flow control), so a slow client never makes the node
 * buffer without bound; the subscription's own bounded buffer decides when it is cut off. All
 * writes to the observer happen in one serialized drain loop on {@code executor}.
 *
 * <p>Whenever the stream has caught up, and then every heartbeat interval while nothing else is
 * sent, it sends a heartbeat (the feed's epoch and the last sequence delivered), so the consumer
 * can tell a quiet stream from a dead or half-open connection.
 */
final class WatchStream {
  private static final Logger LOG = Logger.getLogger(WatchStream.class.getName());
  private final ServerCallStreamObserver<WatchStatusChangesResponse> observer;
  private final Executor executor;
  private final Consumer<WatchStream> onEnd;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Subscription subscription;
  private volatile Exception endWith;

  /** Set by the heartbeat timer (and at start); cleared when a heartbeat goes out. */
  private volatile boolean heartbeatDue = true;

  private volatile Future<?> heartbeats;
  private long epoch;
  private boolean finished;

  WatchStream(
      ServerCallStreamObserver<WatchStatusChangesResponse> observer,
      Executor executor,
      Consumer<WatchStream> onEnd) {
    this.observer = observer;
    this.executor = executor;
    this.onEnd = onEnd;
  }

  /**
   * Subscribes from {@code fromSequence} and starts draining (must run in the RPC method); a
   * heartbeat goes out once the stream has caught up and then every {@code heartbeat}.
   */
  void start(ChangeFeed feed, long fromSequence, ScheduledExecutorService timer, Duration heartbeat)
      throws SequenceOutOfRangeException {
    observer.setOnCancelHandler(this::cancelled);
    observer.setOnReadyHandler(this::schedule);
    epoch = feed.epoch();
    subscription = feed.subscribe(fromSequence, this::schedule);
    try {
      long every = heartbeat.toNanos();
      heartbeats =
          timer.scheduleAtFixedRate(
              () -> {
                heartbeatDue = true;
                schedule();
              },
              every,
              every,
              TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // Shutting down: the stream ends with the feed.
    }
    schedule();
  }

  /** Ends the stream with {@code failure}, mapped to a status by the server (e.g. node down). */
  void end(Exception failure) {
    endWith = failure;
    schedule();
  }

  private void cancelled() {
    stopHeartbeats();
    Subscription s = subscription;
    if (s != null) {
      s.close();
    }
    onEnd.accept(this);
  }

  private void schedule() {
    if (pending.getAndIncrement() == 0) {
      executor.execute(this::drainLoop);
    }
  }

  private void drainLoop() {
    int missed = 1;
    do {
      try {
        drain();
      } catch (RuntimeException e) {
        // The call went away under us (cancelled mid-write): stop quietly, never loop on it.
        LOG.log(Level.FINE, "watch stream ended abruptly", e);
        finished = true;
        stopHeartbeats();
        Subscription s = subscription;
        if (s != null) {
          s.close();
        }
        onEnd.accept(this);
      }
      missed = pending.addAndGet(-missed);
    } while (missed != 0);
  }

  private void drain() {
    Subscription s = subscription;
    if (finished || s == null) {
      return;
    }
    if (endWith != null) {
      finish(() -> observer.onError(endWith));
      return;
    }
    while (!observer.isCancelled()) {
      if (!observer.isReady()) {
        // Flow control holds us back; a consumer cut off meanwhile must still hear about it.
        if (s.overflowed()) {
          finish(() -> observer.onError(new ConsumerTooSlowException(s.lastDelivered())));
        }
        return;
      }
      Poll next = s.poll();
      if (next instanceof Poll.Event event) {
        observer.onNext(ProtoMapping.change(event.change(), epoch));
      } else if (next instanceof Poll.Overflow overflow) {
        finish(() -> observer.onError(new ConsumerTooSlowException(overflow.resumeFrom())));
        return;
      } else if (next instanceof Poll.Closed) {
        finish(observer::onCompleted);
        return;
      } else {
        // Caught up: everything up to lastDelivered() is on the wire.
        if (heartbeatDue) {
          heartbeatDue = false;
          observer.onNext(ProtoMapping.heartbeat(epoch, s.lastDelivered()));
        }
        return;
      }
    }
  }

  private void stopHeartbeats() {
    Future<?> h = heartbeats;
    if (h != null) {
      h.cancel(false);
    }
  }

  private void finish(Runnable close) {
    finished = true;
    stopHeartbeats();
    subscription.close();
    onEnd.accept(this);
    if (!observer.isCancelled()) {
      close.run();
    }
  }
}
