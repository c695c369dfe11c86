package codefed.gateway.status;

import com.github.benmanes.caffeine.cache.Ticker;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.WatchStatusChangesRequest;
import healthcode.federation.v1.WatchStatusChangesResponse;
import io.grpc.ManagedChannel;
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
 * invalidation. Resumes after the last sequence it saw; reconnects with backoff. When events were
 * lost — a gap in the numbering, or {@code OUT_OF_RANGE} for a resume point the node no longer
 * retains — it drops everything cached for the issuer and follows the stream from there ({@code
 * RESOURCE_EXHAUSTED}, a consumer too slow, just resumes: the node retained the events).
 *
 * <p>Liveness: the node sends an item (change or heartbeat) at least every heartbeat interval. The
 * stream is <em>up</em> while the current call has delivered an item within the silence limit
 * (measured on the injected monotonic {@link Ticker}); {@link #checkLiveness} replaces a silent
 * call — dead, or half-open, which TCP alone does not notice for minutes. Each item carries the
 * node's epoch: a new epoch is a restarted node whose numbering started over, so the issuer's
 * cached answers are dropped and the stream is followed from where it stands. A heartbeat's head
 * sequence must equal the last sequence applied; otherwise events were lost (or the node went back)
 * and the cache is dropped as for a gap.
 */
final class ChangeWatcher implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ChangeWatcher.class.getName());

  private final String issuer;
  private final Supplier<ManagedChannel> channel;
  private final StatusCache cache;
  private final ScheduledExecutorService scheduler;
  private final Backoff backoff;
  private final StatusListener listener;
  private final Ticker ticker;
  private final long silenceNanos;

  // Guarded by this; stream callbacks of one call are serialized and calls never overlap.
  private long lastSequence;
  private ClientCallStreamObserver<WatchStatusChangesRequest> call;

  /** The channel the current call runs on. */
  private ManagedChannel callChannel;

  private boolean closed;

  /** The node's stream epoch; 0 until the first item names one. */
  private long epoch;

  /**
   * Ticker reading at the current call's start or its last item, whichever is later. Written under
   * the lock, read without it by {@link #healthy()} (on every lookup).
   */
  private volatile long lastSign;

  /** Whether there is a current call and it has delivered an item; as {@link #lastSign}. */
  private volatile boolean delivered;

  /** What the listener was last told (null: nothing yet). */
  private Boolean reportedUp;

  /**
   * @param silence how long the stream may deliver nothing before it counts as down (a small
   *     multiple of the node's heartbeat interval)
   */
  ChangeWatcher(
      String issuer,
      Supplier<ManagedChannel> channel,
      StatusCache cache,
      ScheduledExecutorService scheduler,
      Backoff backoff,
      StatusListener listener,
      Ticker ticker,
      Duration silence) {
    this.issuer = issuer;
    this.listener = listener;
    this.channel = channel;
    this.cache = cache;
    this.scheduler = scheduler;
    this.backoff = backoff;
    this.ticker = ticker;
    this.silenceNanos = silence.toNanos();
  }

  void start() {
    synchronized (this) {
      report();
    }
    connect();
  }

  /**
   * Whether the stream is up: connected, and its current call delivered an item within the silence
   * limit. While it is not, cached answers of the issuer may be stale unnoticed.
   */
  boolean healthy() {
    return delivered && ticker.read() - lastSign <= silenceNanos;
  }

  /**
   * Declares a silent stream down and replaces its call (cancel, then reconnect with backoff);
   * reports the stream's state. Called periodically.
   */
  void checkLiveness() {
    ClientCallStreamObserver<WatchStatusChangesRequest> silent = null;
    ManagedChannel silentChannel = null;
    synchronized (this) {
      if (!closed && call != null && ticker.read() - lastSign > silenceNanos) {
        LOG.info(
            () ->
                "status stream of "
                    + issuer
                    + " silent for more than "
                    + Duration.ofNanos(silenceNanos)
                    + "; reconnecting");
        silent = call;
        silentChannel = callChannel;
      }
    }
    if (silent != null) {
      // The connection may be half-open: calls started from now on (the stream's next attempt,
      // status lookups) get a new one, instead of waiting for keepalive to give up on it. Done
      // before the state is reported, so whoever sees "down" also finds the channel renewed.
      silentChannel.enterIdle();
      silent.cancel("change stream silent", null); // outside the lock: calls back into onEnd
    }
    synchronized (this) {
      report();
    }
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
      delivered = false;
      c = call;
      call = null;
    }
    if (c != null) {
      c.cancel("gateway closing", null); // outside the lock: cancel may call back into onEnd
    }
  }

  private void connect() {
    WatchStatusChangesRequest request;
    ManagedChannel next;
    synchronized (this) {
      if (closed) {
        return;
      }
      request = WatchStatusChangesRequest.newBuilder().setFromSequence(lastSequence).build();
      next = channel.get();
      callChannel = next;
    }
    try {
      ProvinceNodeServiceGrpc.newStub(next).watchStatusChanges(request, new Observer());
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

  private synchronized void onItem(
      ClientCallStreamObserver<WatchStatusChangesRequest> from, WatchStatusChangesResponse item) {
    if (from != call) {
      return; // a replaced call's late item
    }
    lastSign = ticker.read();
    delivered = true;
    backoff.reset();
    if (item.getEpoch() != 0 && item.getEpoch() != epoch) {
      if (epoch != 0) {
        LOG.info(
            () ->
                "status stream of "
                    + issuer
                    + " has a new epoch (node restarted); "
                    + "dropping the issuer's cached answers");
        cache.dropIssuer(issuer);
        lastSequence = 0;
      }
      epoch = item.getEpoch();
    }
    if (item.getHeartbeat()) {
      long head = item.getHeadSequence();
      if (head != lastSequence) {
        LOG.info(
            () ->
                "status stream of "
                    + issuer
                    + " is at "
                    + head
                    + " but "
                    + lastSequence
                    + " was applied; dropping the issuer's cached answers");
        cache.dropIssuer(issuer);
        lastSequence = head;
      }
    } else {
      onEvent(item);
    }
    report();
  }

  private void onEvent(WatchStatusChangesResponse event) {
    long seq = event.getSequence();
    if (seq <= lastSequence) {
      return; // replayed; already applied
    }
    if (lastSequence > 0 && seq != lastSequence + 1) {
      LOG.info(
          () ->
              "status stream of "
                  + issuer
                  + " skipped from "
                  + lastSequence
                  + " to "
                  + seq
                  + "; dropping the issuer's cached answers");
      cache.dropIssuer(issuer);
    }
    cache.onChange(issuer, event.getCodeId(), seq);
    lastSequence = seq;
    listener.statusChanged(issuer, seq);
  }

  /** Tells the listener when the stream's state changed. Guarded by this. */
  private void report() {
    boolean up = healthy();
    if (reportedUp == null || reportedUp != up) {
      reportedUp = up;
      listener.changeStreamUp(issuer, up);
    }
  }

  private synchronized void onEnd(Status status) {
    call = null;
    delivered = false;
    report();
    if (closed) {
      return;
    }
    Duration delay;
    switch (status.getCode()) {
      case OUT_OF_RANGE -> {
        LOG.info(
            () ->
                "status stream of "
                    + issuer
                    + " cannot resume after "
                    + lastSequence
                    + "; dropping the issuer's cached answers");
        cache.dropIssuer(issuer);
        lastSequence = 0;
        delay = Duration.ZERO;
      }
      case RESOURCE_EXHAUSTED -> delay = Duration.ZERO;
      default -> {
        delay = backoff.nextDelay();
        LOG.log(
            Level.FINE,
            "status stream of {0} ended ({1}); reconnecting in {2}",
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
    delivered = false;
    lastSign = ticker.read();
  }

  private final class Observer
      implements ClientResponseObserver<WatchStatusChangesRequest, WatchStatusChangesResponse> {
    private ClientCallStreamObserver<WatchStatusChangesRequest> requestStream;

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchStatusChangesRequest> requestStream) {
      this.requestStream = requestStream;
      attached(requestStream);
    }

    @Override
    public void onNext(WatchStatusChangesResponse item) {
      onItem(requestStream, item);
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
