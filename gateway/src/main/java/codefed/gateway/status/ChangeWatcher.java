package codefed.gateway.status;

import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.WatchStatusChangesRequest;
import healthcode.federation.v1.WatchStatusChangesResponse;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Follows one issuer's {@code WatchStatusChanges} stream and turns each event into a cache
 * invalidation. Resumes after the last sequence it saw; reconnects with backoff. When events
 * were lost — a gap in the numbering, or {@code OUT_OF_RANGE} for a resume point the node no
 * longer retains — it drops everything cached for the issuer and follows the stream from there
 * ({@code RESOURCE_EXHAUSTED}, a consumer too slow, just resumes: the node retained the events).
 */
final class ChangeWatcher implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ChangeWatcher.class.getName());

  private final String issuer;
  private final Supplier<Channel> channel;
  private final StatusCache cache;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff;
  private final StatusListener listener;

  // Guarded by this; stream callbacks of one call are serialized and calls never overlap.
  private long lastSequence;
  private ClientCallStreamObserver<WatchStatusChangesRequest> call;
  private boolean closed;

  ChangeWatcher(
      String issuer,
      Supplier<Channel> channel,
      StatusCache cache,
      ScheduledExecutorService scheduler,
      Backoff backoff,
      StatusListener listener) {
    this.issuer = issuer;
    this.listener = listener;
    this.channel = channel;
    this.cache = cache;
    this.scheduler = scheduler;
    this.backoff = backoff;
  }

  void start() {
    connect();
  }

  /** The last sequence applied (0 before the first event or after a reset). */
  synchronized long lastSequence() {
    return lastSequence;
  }

  @Override
  public void close() {
    ClientCallStreamObserver<WatchStatusChangesRequest> c;
    synchronized (this) {
      closed = true;
      c = call;
      call = null;
    }
    if (c != null) {
      c.cancel("gateway closing", null); // outside the lock: cancel may call back into onEnd
    }
  }

  private void connect() {
    WatchStatusChangesRequest request;
    synchronized (this) {
      if (closed) {
        return;
      }
      request = WatchStatusChangesRequest.newBuilder().setFromSequence(lastSequence).build();
    }
    try {
      ProvinceNodeServiceGrpc.newStub(channel.get()).watchStatusChanges(request, new Observer());
    } catch (RuntimeException e) { // e.g. channel shut down, or cancelled by close() before start
      onEnd(Status.fromThrowable(e));
      return;
    }
    ClientCallStreamObserver<WatchStatusChangesRequest> started;
    synchronized (this) {
      started = closed ? call : null;
      if (closed) {
        call = null;
      }
    }
    if (started != null) {
      started.cancel("gateway closing", null);
    }
  }

  private synchronized void onEvent(WatchStatusChangesResponse event) {
    long seq = event.getSequence();
    if (seq <= lastSequence) {
      return; // replayed; already applied
    }
    if (lastSequence > 0 && seq != lastSequence + 1) {
      LOG.info(() -> "status stream of " + issuer + " skipped from " + lastSequence + " to " + seq
          + "; dropping the issuer's cached answers");
      cache.dropIssuer(issuer);
    }
    cache.onChange(issuer, event.getCodeId(), seq);
    lastSequence = seq;
    backoff.reset();
    listener.statusChanged(issuer, seq);
  }

  private synchronized void onEnd(Status status) {
    call = null;
    if (closed) {
      return;
    }
    Duration delay;
    switch (status.getCode()) {
      case OUT_OF_RANGE -> {
        LOG.info(() -> "status stream of " + issuer + " cannot resume after " + lastSequence
            + "; dropping the issuer's cached answers");
        cache.dropIssuer(issuer);
        lastSequence = 0;
        delay = Duration.ZERO;
      }
      case RESOURCE_EXHAUSTED -> delay = Duration.ZERO;
      default -> {
        delay = backoff.nextDelay();
        LOG.log(Level.FINE, "status stream of {0} ended ({1}); reconnecting in {2}",
            new Object[] {issuer, status.getCode(), delay});
      }
    }
    try {
      scheduler.schedule(this::connect, delay.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      closed = true; // the source is shutting down
    }
  }

  private synchronized void attached(ClientCallStreamObserver<WatchStatusChangesRequest> c) {
    call = c;
  }

  private final class Observer
      implements ClientResponseObserver<WatchStatusChangesRequest, WatchStatusChangesResponse> {
    @Override
    public void beforeStart(ClientCallStreamObserver<WatchStatusChangesRequest> requestStream) {
      attached(requestStream);
    }

    @Override
    public void onNext(WatchStatusChangesResponse event) {
      onEvent(event);
    }

    @Override
    public void onError(Throwable t) {
      onEnd(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
      onEnd(Status.OK);
    }
  }

  /** For tests and logs. */
  @Override
  public String toString() {
    return "ChangeWatcher[" + issuer + "]";
  }
}
