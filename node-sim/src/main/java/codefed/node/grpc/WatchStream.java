package codefed.node.grpc;

import codefed.node.changes.ChangeFeed;
import codefed.node.changes.Poll;
import codefed.node.changes.SequenceOutOfRangeException;
import codefed.node.changes.Subscription;
import healthcode.federation.v1.WatchStatusChangesResponse;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One {@code WatchStatusChanges} stream: moves events from a {@link Subscription} to the
 * client only while the transport is ready (gRPC flow control), so a slow client never makes
 * the node buffer without bound; the subscription's own bounded buffer decides when it is cut
 * off. All writes to the observer happen in one serialized drain loop on {@code executor}.
 */
final class WatchStream {
  private static final Logger LOG = Logger.getLogger(WatchStream.class.getName());
  private final ServerCallStreamObserver<WatchStatusChangesResponse> observer;
  private final Executor executor;
  private final Consumer<WatchStream> onEnd;
  private final AtomicInteger pending = new AtomicInteger();
  private volatile Subscription subscription;
  private volatile StatusRuntimeException endWith;
  private boolean finished;

  WatchStream(
      ServerCallStreamObserver<WatchStatusChangesResponse> observer,
      Executor executor,
      Consumer<WatchStream> onEnd) {
    this.observer = observer;
    this.executor = executor;
    this.onEnd = onEnd;
  }

  /** Subscribes from {@code fromSequence} and starts draining (must run in the RPC method). */
  void start(ChangeFeed feed, long fromSequence) throws SequenceOutOfRangeException {
    observer.setOnCancelHandler(this::cancelled);
    observer.setOnReadyHandler(this::schedule);
    subscription = feed.subscribe(fromSequence, this::schedule);
    schedule();
  }

  /** Ends the stream with {@code status} (e.g. UNAVAILABLE when the node is taken down). */
  void end(StatusRuntimeException status) {
    endWith = status;
    schedule();
  }

  private void cancelled() {
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
          finish(() -> observer.onError(StatusMapping.consumerTooSlow(s.lastDelivered())));
        }
        return;
      }
      Poll next = s.poll();
      if (next instanceof Poll.Event event) {
        observer.onNext(ProtoMapping.change(event.change()));
      } else if (next instanceof Poll.Overflow overflow) {
        finish(() -> observer.onError(StatusMapping.consumerTooSlow(overflow.resumeFrom())));
        return;
      } else if (next instanceof Poll.Closed) {
        finish(observer::onCompleted);
        return;
      } else {
        return;
      }
    }
  }

  private void finish(Runnable close) {
    finished = true;
    subscription.close();
    onEnd.accept(this);
    if (!observer.isCancelled()) {
      close.run();
    }
  }
}
