package codefed.gateway.status;

import codefed.gateway.status.StatusCache.Completion;
import codefed.pki.PkiDirectory;
import codefed.signing.VerifiedSignatures;
import codefed.threads.DaemonThreads;
import codefed.trust.CodeRejectedException;
import codefed.trust.RejectionReason;
import codefed.trust.TrustList;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.protobuf.ByteString;
import healthcode.config.v1.FederationPeer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The gateway's {@link StatusSource}: routes each code to its issuer's node over mTLS, checks who
 * answered, caches verified answers and keeps them honest with each issuer's change stream. Every
 * issuer has its own channel(s), deadline-bound calls, circuit breaker and bulkhead (an {@link
 * InFlightLimit}: calls in flight, not threads; its limit fixed or adapted to the node's round
 * trips), so a slow or dead province costs the others nothing. Node calls are asynchronous: no
 * thread waits on a node.
 *
 * <p>Fresh or flagged: a cached answer is only as good as the issuer's change stream. While the
 * stream is down (see {@link ChangeWatcher}: no item within the silence limit, default 15 s = 3 ×
 * the node's 5 s heartbeat), cached answers of that issuer are used only when younger than {@link
 * Builder#unhealthyCacheAge} (default 5 s), otherwise fetched live. An answer that predates a
 * change already applied for its code is never cached nor returned: the node is asked once more,
 * then the scan is handled as unreachable. An answer asserted further ahead of the gateway's clock
 * than {@link Builder#clockLead} is returned for the record but never cached.
 */
public final class FederatedStatusSource implements StatusSource, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(FederatedStatusSource.class.getName());

  /** Batch roots whose signature was found valid, kept to check each batch once. */
  private static final int BATCH_ROOTS_KEPT = 4_096;

  /** Default silence limit of a change stream: three of the node's 5 s heartbeats. */
  public static final Duration DEFAULT_STREAM_SILENCE =
      StatusSourceOptions.DEFAULTS.streamSilence();

  /** Default age limit of cached answers while the issuer's change stream is down. */
  public static final Duration DEFAULT_UNHEALTHY_CACHE_AGE =
      StatusSourceOptions.DEFAULTS.unhealthyCacheAge();

  /** One issuer's node: how to call it and what guards the calls. */
  private record IssuerNode(
      NodeClient client,
      CircuitBreaker breaker,
      InFlightLimit limit,
      ChangeWatcher watcher,
      List<ManagedChannel> channels) {}

  /** What a node call tells the issuer's in-flight limit (the library's success, drop, ignore). */
  private enum Sample {
    /** The node answered: a round trip to learn from. */
    ANSWERED,
    /** The node did not answer in time or said it could not: a round trip that means overload. */
    DROPPED,
    /** Nothing about the node's load (cancelled by the gateway, refused answer, other error). */
    IGNORED
  }

  /** A node call's lookup and what it tells the in-flight limit. */
  private record Called(StatusLookup lookup, Sample sample) {}

  private volatile Map<String, NodeRoute> routes;
  private final String trustDomain;
  private final Function<NodeRoute, List<ManagedChannel>> channels;

  private final AssertionVerifier verifier;
  private final Predicate<Throwable> identityMismatch;
  private final Clock clock;
  private final StatusListener listener;
  private final Duration nodeDeadline;

  /** Node calls in flight across all issuers: a safety cap on the load sent to nodes. */
  private final Semaphore allCalls;

  private final Duration backoffInitial;
  private final Duration backoffMax;
  private final StatusCache cache;
  private final IssuerGuards guards;
  private final int maxConcurrentCalls;
  private final Optional<AdaptiveLimitSettings> adaptiveLimit;
  private final int maxQueuedCalls;
  private final Duration bulkheadWait;
  private final Ticker ticker;
  private final Duration streamSilence;
  private final Duration unhealthyCacheAge;
  private final Duration clockLead;

  private volatile Map<String, IssuerNode> nodes;
  private ScheduledExecutorService scheduler;
  private boolean closed;

  private FederatedStatusSource(Builder b) {
    StatusSourceOptions o = b.options;
    this.routes = b.routes();
    this.trustDomain = b.pki == null ? null : b.pki.trustDomain();
    this.channels = b.channels();
    this.verifier = b.verifier();
    this.identityMismatch = TlsIdentity::isMismatch;
    this.clock = b.clock;
    this.listener = new SafeListener(b.listener);
    this.nodeDeadline = o.nodeDeadline();
    this.backoffInitial = o.backoffInitial();
    this.backoffMax = o.backoffMax();
    this.cache = new StatusCache(o.maxEntries(), o.cacheRetention(), b.clock);
    this.guards = new IssuerGuards(o.breaker(), b.clock);
    this.maxConcurrentCalls = o.maxConcurrentCalls();
    this.adaptiveLimit = o.adaptiveLimit();
    this.maxQueuedCalls = o.maxQueuedCalls();
    this.bulkheadWait = o.bulkheadWait();
    this.allCalls = new Semaphore(o.maxCallsInFlight());
    this.ticker = b.ticker;
    this.streamSilence = o.streamSilence();
    this.unhealthyCacheAge = o.unhealthyCacheAge();
    this.clockLead = o.clockLead();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Opens the channels and the change streams. */
  public synchronized void start() {
    if (nodes != null || closed) {
      throw new IllegalStateException(closed ? "closed" : "already started");
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("codefed-status-watch"));
    Map<String, IssuerNode> opened = new HashMap<>();
    try {
      for (NodeRoute route : routes.values()) {
        opened.put(route.issuer(), open(route));
      }
    } catch (RuntimeException e) {
      opened.values().forEach(n -> n.channels().forEach(ManagedChannel::shutdownNow));
      scheduler.shutdownNow();
      throw e;
    }
    nodes = Map.copyOf(opened);
    nodes.values().forEach(n -> n.watcher().start());
    // Often enough that a silent stream is noticed well within a second of the limit.
    long every = Math.min(streamSilence.toNanos() / 4, Duration.ofSeconds(1).toNanos());
    scheduler.scheduleWithFixedDelay(this::checkLiveness, every, every, TimeUnit.NANOSECONDS);
  }

  private void checkLiveness() {
    try {
      nodes.values().forEach(n -> n.watcher().checkLiveness());
    } catch (RuntimeException e) { // never let one failure end the periodic check
      LOG.log(Level.WARNING, "change stream liveness check failed", e);
    }
  }

  private IssuerNode open(NodeRoute route) {
    String issuer = route.issuer();
    List<ManagedChannel> opened = List.copyOf(channels.apply(route));
    NodeClient client = new NodeClient(issuer, opened, verifier, clock, listener, identityMismatch);
    CircuitBreaker breaker = guards.breaker(issuer);
    breaker
        .getEventPublisher()
        .onStateTransition(
            e -> listener.circuitState(issuer, e.getStateTransition().getToState().name()));
    listener.circuitState(issuer, breaker.getState().name());
    // Each (re)connect of the change stream tries the issuer's next address.
    AtomicInteger nextAddress = new AtomicInteger();
    ChangeWatcher watcher =
        new ChangeWatcher(
            issuer,
            () -> opened.get(Math.floorMod(nextAddress.getAndIncrement(), opened.size())),
            cache,
            scheduler,
            new Backoff(backoffInitial, backoffMax),
            listener,
            ticker,
            streamSilence);
    ConcurrencyLimit calls =
        adaptiveLimit
            .<ConcurrencyLimit>map(AdaptiveConcurrencyLimit::new)
            .orElseGet(() -> ConcurrencyLimit.fixed(maxConcurrentCalls));
    InFlightLimit limit = new InFlightLimit(calls, maxQueuedCalls, bulkheadWait, scheduler);
    return new IssuerNode(client, breaker, limit, watcher, opened);
  }

  /** {@link #lookupAsync} waited for; for callers that have a thread to spare. */
  @Override
  public StatusLookup lookup(String issuer, byte[] codeId, Duration maxAge) {
    return lookupAsync(issuer, codeId, maxAge).join();
  }

  /**
   * Never completes exceptionally for node trouble. A cache hit completes at once; otherwise the
   * stage completes where the node's answer arrives, or when the issuer's in-flight limit gave no
   * slot within the bulkhead wait. No thread waits on the node meanwhile.
   */
  @Override
  public CompletableFuture<StatusLookup> lookupAsync(
      String issuer, byte[] codeId, Duration maxAge) {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(codeId, "codeId");
    if (maxAge.isNegative()) {
      throw new IllegalArgumentException("maxAge: " + maxAge + " (expected: >= 0)");
    }
    Map<String, IssuerNode> current = nodes;
    if (current == null) {
      throw new IllegalStateException("not started");
    }
    IssuerNode node = current.get(issuer);
    if (node == null) {
      return done(new StatusLookup.Unreachable("no federation peer for issuer " + issuer));
    }
    StatusKey key = StatusKey.of(issuer, codeId);
    Duration usable =
        node.watcher().healthy() || maxAge.compareTo(unhealthyCacheAge) <= 0
            ? maxAge
            : unhealthyCacheAge; // changes may be going unnoticed: only very young answers
    Optional<CachedStatus> hit = cache.fresh(key, usable);
    if (hit.isPresent()) {
      listener.cacheHit(issuer);
      return done(hit.get().found());
    }
    listener.cacheMiss(issuer);
    return fetch(issuer, node, key);
  }

  private static CompletableFuture<StatusLookup> done(StatusLookup lookup) {
    return CompletableFuture.completedFuture(lookup);
  }

  /**
   * Breaker first (an open one refuses at once), then a slot of the issuer's in-flight limit
   * (waiting for one without a thread, up to the bulkhead wait), then the cross-issuer cap. The
   * slot is returned with the call's round trip on the ticker, which an adaptive limit learns from.
   */
  private CompletableFuture<StatusLookup> fetch(String issuer, IssuerNode node, StatusKey key) {
    CircuitBreaker breaker = node.breaker();
    if (!breaker.tryAcquirePermission()) {
      listener.nodeCall(issuer, 0, "circuit_open");
      return done(new StatusLookup.Unreachable("circuit open"));
    }
    return node.limit()
        .acquire()
        .thenCompose(
            granted -> {
              if (!granted) {
                breaker.releasePermission();
                listener.nodeCall(issuer, 0, "bulkhead_full");
                return done(new StatusLookup.Unreachable("too many calls in flight"));
              }
              if (!allCalls.tryAcquire()) {
                node.limit().release();
                breaker.releasePermission();
                listener.nodeCall(issuer, 0, "all_calls_busy");
                return done(
                    new StatusLookup.Unreachable("too many node calls in flight across issuers"));
              }
              int inFlightAtStart = node.limit().inFlight();
              long startNanos = ticker.read();
              CompletableFuture<Called> called;
              try {
                called = call(issuer, node, key);
              } catch (RuntimeException e) {
                called = CompletableFuture.failedFuture(e);
              }
              return called.handle(
                  (ended, failure) -> {
                    allCalls.release();
                    Sample sample = failure == null ? ended.sample() : Sample.IGNORED;
                    if (sample == Sample.IGNORED) {
                      node.limit().release();
                    } else {
                      long rtt = ticker.read() - startNanos;
                      node.limit()
                          .release(startNanos, rtt, inFlightAtStart, sample == Sample.DROPPED);
                    }
                    if (failure == null) {
                      return ended.lookup();
                    }
                    breaker.releasePermission();
                    LOG.log(Level.WARNING, "status lookup failed unexpectedly", failure);
                    return new StatusLookup.Unreachable("status lookup failed");
                  });
            });
  }

  /**
   * One node call (and one more if the answer predates a change); the breaker hears the end, the
   * in-flight limit is told by the caller.
   */
  private CompletableFuture<Called> call(String issuer, IssuerNode node, StatusKey key) {
    CircuitBreaker breaker = node.breaker();
    Deadline budget = Deadline.after(nodeDeadline.toNanos(), TimeUnit.NANOSECONDS);
    ByteString codeId = key.codeId();
    long start = System.nanoTime();
    StatusCache.Fetch first = cache.begin(key);
    CompletableFuture<Optional<NodeClient.Answer>> answered =
        offered(node.client().verifyCodeAsync(codeId, budget), first)
            .thenCompose(
                answer ->
                    answer.isPresent()
                        // The answer predates a change already applied for the code: never hand it
                        // out. Ask once more.
                        ? CompletableFuture.completedFuture(answer)
                        : retryOnce(node, key, budget));
    return answered.handle(
        (answer, thrown) -> {
          long took = System.nanoTime() - start;
          if (thrown == null) {
            breaker.onSuccess(took, TimeUnit.NANOSECONDS);
            return new Called(
                answer
                    .<StatusLookup>map(
                        a -> new StatusLookup.Found(a.assertion(), a.signed(), false))
                    .orElseGet(() -> new StatusLookup.Unreachable("status changing during lookup")),
                Sample.ANSWERED);
          }
          Throwable failure = unwrap(thrown);
          if (failure instanceof StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.CANCELLED) {
              // Node calls are detached from callers, so this is the gateway closing the channel:
              // says nothing about the node.
              breaker.releasePermission();
            } else {
              breaker.onError(took, TimeUnit.NANOSECONDS, e);
            }
            return new Called(
                new StatusLookup.Unreachable("node answered " + e.getStatus().getCode()),
                IssuerGuards.isFailure(e) ? Sample.DROPPED : Sample.IGNORED);
          }
          if (failure instanceof AnswerRefusedException e) {
            breaker.onError(took, TimeUnit.NANOSECONDS, e);
            securityEvent(issuer, e.kind());
            return new Called(
                new StatusLookup.Unreachable("node answer refused: " + e.kind().label()),
                Sample.IGNORED);
          }
          breaker.releasePermission();
          LOG.log(Level.WARNING, "status lookup failed unexpectedly", failure);
          return new Called(new StatusLookup.Unreachable("status lookup failed"), Sample.IGNORED);
        });
  }

  private CompletableFuture<Optional<NodeClient.Answer>> retryOnce(
      IssuerNode node, StatusKey key, Deadline budget) {
    StatusCache.Fetch again = cache.begin(key);
    return offered(node.client().verifyCodeAsync(key.codeId(), budget), again);
  }

  /** The answer once offered to the cache; empty if stale. The fetch is always ended. */
  private CompletableFuture<Optional<NodeClient.Answer>> offered(
      CompletableFuture<NodeClient.Answer> call, StatusCache.Fetch fetch) {
    return call.thenApply(
            answer ->
                offer(fetch, answer) == Completion.STALE
                    ? Optional.<NodeClient.Answer>empty()
                    : Optional.of(answer))
        .whenComplete((answer, failure) -> cache.abandon(fetch));
  }

  private static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /**
   * Offers an answer to the cache, unless it claims a time further ahead of the gateway's clock
   * than tolerated: such an answer goes to the caller (whose rules refuse it, with the answer in
   * the record) but is never served to later scans.
   */
  private Completion offer(StatusCache.Fetch fetch, NodeClient.Answer answer) {
    var a = answer.assertion();
    if (a.hasAssertedAt()
        && java.time.Instant.ofEpochSecond(
                a.getAssertedAt().getSeconds(), a.getAssertedAt().getNanos())
            .isAfter(clock.instant().plus(clockLead))) {
      cache.abandon(fetch);
      return Completion.RESET; // i.e. not cached, but usable as far as the cache is concerned
    }
    return cache.complete(fetch, a, answer.signed());
  }

  /**
   * Applies a new peer list while running (a province joins or leaves): removed or changed issuers'
   * change streams and channels are closed, and their codes are handled as unreachable if no new
   * route replaces them; added or changed ones are opened. Unchanged issuers keep their channels,
   * breaker and cached answers.
   *
   * @throws IllegalArgumentException a peer is invalid (the message names it); nothing changes
   */
  public synchronized void updatePeers(List<FederationPeer> peers) {
    if (nodes == null || closed) {
      throw new IllegalStateException(closed ? "closed" : "not started");
    }
    Map<String, NodeRoute> next = NodeRoute.fromPeers(peers, trustDomain);
    Map<String, IssuerNode> updated = new HashMap<>(nodes);
    List<IssuerNode> retired = new ArrayList<>();
    routes.forEach(
        (issuer, route) -> {
          if (!route.equals(next.get(issuer))) {
            retired.add(updated.remove(issuer));
          }
        });
    List<IssuerNode> added = new ArrayList<>();
    next.forEach(
        (issuer, route) -> {
          if (!route.equals(routes.get(issuer))) {
            IssuerNode n = open(route);
            updated.put(issuer, n);
            added.add(n);
          }
        });
    routes = next;
    nodes = Map.copyOf(updated);
    added.forEach(n -> n.watcher().start());
    for (IssuerNode n : retired) {
      n.watcher().close();
      n.channels().forEach(ManagedChannel::shutdown);
    }
    LOG.info(
        "federation peers now "
            + new java.util.TreeSet<>(next.keySet())
            + " ("
            + added.size()
            + " opened, "
            + retired.size()
            + " closed)");
  }

  /** Logged without code ids: which issuer's node failed which check. */
  private void securityEvent(String issuer, SecurityEvent kind) {
    LOG.warning(
        () ->
            "security: node for issuer "
                + issuer
                + " failed check "
                + kind.label()
                + "; handled as unreachable");
    listener.securityEvent(issuer, kind.label());
  }

  /** Stops the change streams and closes the channels. Idempotent. */
  @Override
  public void close() {
    Map<String, IssuerNode> open;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      open = nodes;
    }
    if (open == null) {
      return;
    }
    for (IssuerNode n : open.values()) {
      try {
        n.watcher().close();
      } catch (RuntimeException e) {
        // A transport failing to cancel one stream must not leave the other streams and the
        // channels open.
        LOG.log(Level.WARNING, "closing a change stream failed; closing the rest", e);
      }
    }
    scheduler.shutdownNow();
    List<ManagedChannel> all = new ArrayList<>();
    open.values().forEach(n -> all.addAll(n.channels()));
    all.forEach(ManagedChannel::shutdown);
    try {
      for (ManagedChannel c : all) {
        if (!c.awaitTermination(1, TimeUnit.SECONDS)) {
          c.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      all.forEach(ManagedChannel::shutdownNow);
      Thread.currentThread().interrupt();
    }
  }

  /** Test hook: the cache's size after pending maintenance. */
  long cachedEntries() {
    return cache.size();
  }

  /** Whether the issuer's change stream is up (see {@link ChangeWatcher#healthy()}). */
  public boolean changeStreamUp(String issuer) {
    IssuerNode node = nodes == null ? null : nodes.get(issuer);
    return node != null && node.watcher().healthy();
  }

  /** Test hook: the issuer's in-flight limit now (fixed, or as the adaptive one learnt it). */
  int callLimit(String issuer) {
    return nodes.get(issuer).limit().limit();
  }

  /** Test hook: the last change-stream sequence applied for the issuer. */
  long lastSequence(String issuer) {
    return nodes.get(issuer).watcher().lastSequence();
  }

  /** Builds a {@link FederatedStatusSource}; call {@link FederatedStatusSource#start()} next. */
  public static final class Builder {
    private PkiDirectory pki;
    private String gatewayName;
    private List<FederationPeer> peers = List.of();
    private Function<String, ManagedChannel> channelFactory;
    private AssertionVerifier verifier;
    private Clock clock = Clock.systemUTC();
    private StatusListener listener = StatusListener.NONE;
    private StatusSourceOptions options = StatusSourceOptions.DEFAULTS;
    private Ticker ticker = Ticker.systemTicker();

    private Builder() {}

    /**
     * Monotonic time for change-stream liveness (default the system's): a silent stream is measured
     * in elapsed time, never on the wall clock, which a drill may move freely.
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /**
     * Every tuning value at once (default {@link StatusSourceOptions#DEFAULTS}), e.g. the gateway's
     * configured options; the setters below change one value of it.
     */
    public Builder options(StatusSourceOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * How long a change stream may deliver nothing (no change, no heartbeat) before it counts as
     * down and is replaced (default 15 s: three of the node's 5 s heartbeats).
     */
    public Builder streamSilence(Duration silence) {
      options = options.withStreamSilence(silence);
      return this;
    }

    /**
     * The oldest cached answer used while the issuer's change stream is down (default 5 s); older
     * ones are fetched live, because a change may have gone unnoticed.
     */
    public Builder unhealthyCacheAge(Duration age) {
      options = options.withUnhealthyCacheAge(age);
      return this;
    }

    /**
     * How far a node answer's {@code asserted_at} may lie ahead of the gateway's clock and still be
     * cached (default 2 min, the shipped policies' clock skew tolerance).
     */
    public Builder clockLead(Duration lead) {
      options = options.withClockLead(lead);
      return this;
    }

    /** The federation PKI: trust domain, CA, CRL and this gateway's TLS identity. */
    public Builder pki(PkiDirectory pki) {
      this.pki = Objects.requireNonNull(pki, "pki");
      return this;
    }

    /** This gateway's identity name in the PKI ({@code gateway/<name>}). */
    public Builder gatewayName(String name) {
      this.gatewayName = Objects.requireNonNull(name, "gatewayName");
      return this;
    }

    /** The issuers' nodes: addresses and (optional) expected identity per issuer. */
    public Builder peers(List<FederationPeer> peers) {
      this.peers = List.copyOf(peers);
      return this;
    }

    /** Verifies the nodes' assertions: the signing key must be a valid key of the issuer. */
    public Builder trustList(TrustList trustList) {
      Objects.requireNonNull(trustList, "trustList");
      return trustList(() -> trustList);
    }

    /**
     * As {@link #trustList(TrustList)}, for a list the gateway reloads: read on every answer, and
     * reloaded at once when an answer is signed by a key it lacks (a {@link TrustListSource}).
     */
    public Builder trustList(Supplier<TrustList> trustList) {
      Objects.requireNonNull(trustList, "trustList");
      // A node that signs in batches covers many answers with one signature: its root is checked
      // once (per key, root and signature), the rest of each answer (inclusion proof, issuer, code,
      // nonce, key validity) every time.
      VerifiedSignatures batchRoots = new VerifiedSignatures(BATCH_ROOTS_KEPT);
      this.verifier =
          (signed, issuer, now) -> {
            try {
              return TrustListSource.check(
                  trustList,
                  list ->
                      list.verifyAssertion(
                          signed, issuer, now, signed.hasBatch() ? batchRoots : null));
            } catch (CodeRejectedException e) {
              throw new AnswerRefusedException(
                  e.reason() == RejectionReason.MALFORMED
                      ? SecurityEvent.MALFORMED_ANSWER
                      : SecurityEvent.ASSERTION_SIGNATURE);
            }
          };
      return this;
    }

    /**
     * Test seam: one channel per issuer from this factory (e.g. in-process) instead of mTLS
     * channels to the peers' addresses; such a channel's peer identity is not checked here.
     */
    public Builder channelFactory(Function<String, ManagedChannel> factory) {
      this.channelFactory = Objects.requireNonNull(factory, "channelFactory");
      return this;
    }

    /** The injected time: cache ages, breaker windows and open durations, key validity. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder listener(StatusListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Budget of one node call including its retry (default 500 ms). */
    public Builder nodeDeadline(Duration deadline) {
      options = options.withNodeDeadline(deadline);
      return this;
    }

    /** Cache bound (default 100 000 answers). */
    public Builder maxEntries(int maxEntries) {
      options = options.withMaxEntries(maxEntries);
      return this;
    }

    /**
     * How long an answer is kept at most (default 10 min); lookups use only answers younger than
     * their own maxAge, so this only frees memory early.
     */
    public Builder cacheRetention(Duration retention) {
      options = options.withCacheRetention(retention);
      return this;
    }

    /** Circuit breaker tuning (default {@link BreakerSettings#DEFAULTS}). */
    public Builder breaker(BreakerSettings settings) {
      options = options.withBreaker(settings);
      return this;
    }

    /**
     * Node calls in flight across all issuers (default 1024); past it a lookup is answered as
     * unreachable at once. No thread waits on a node call, so this only caps the load the gateway
     * sends to the nodes; the per-issuer limit ({@link #bulkhead}) is what normally applies.
     */
    public Builder maxCallsInFlight(int v) {
      options = options.withMaxCallsInFlight(v);
      return this;
    }

    /**
     * Node calls in flight per issuer (default 32) and how long a further call may wait for one of
     * them to end (default 500 ms, the node deadline). The wait holds no thread: a busy but healthy
     * issuer delays scans instead of sending them to the unreachable path. Zero refuses at once
     * when the limit is reached.
     */
    public Builder bulkhead(int maxConcurrentCalls, Duration maxWait) {
      options = options.withBulkhead(maxConcurrentCalls, maxWait);
      return this;
    }

    /**
     * Each issuer's in-flight limit adapts to its node's round trips within these bounds (see
     * {@link AdaptiveConcurrencyLimit}) instead of staying at the {@link #bulkhead} size; waits and
     * the queue work as with the fixed limit.
     */
    public Builder adaptiveLimit(AdaptiveLimitSettings settings) {
      options = options.withAdaptiveLimit(settings);
      return this;
    }

    /** Calls per issuer that may wait for a slot at once (default 4096); past it, refused. */
    public Builder maxQueuedCalls(int v) {
      options = options.withMaxQueuedCalls(v);
      return this;
    }

    /** Change-stream reconnect backoff (default 100 ms doubling to 5 s, with jitter). */
    public Builder watchBackoff(Duration initial, Duration max) {
      options = options.withWatchBackoff(initial, max);
      return this;
    }

    /**
     * @throws IllegalArgumentException a peer is invalid (the message names it), e.g. an expected
     *     identity that is not {@code spiffe://<domain>/node/<issuer>}
     * @throws IllegalStateException pki, gatewayName or trustList missing
     */
    public FederatedStatusSource build() {
      return new FederatedStatusSource(this);
    }

    private Map<String, NodeRoute> routes() {
      return NodeRoute.fromPeers(peers, pki == null ? null : pki.trustDomain());
    }

    private Function<NodeRoute, List<ManagedChannel>> channels() {
      if (channelFactory != null) {
        Function<String, ManagedChannel> factory = channelFactory;
        return route -> List.of(factory.apply(route.issuer()));
      }
      if (pki == null) {
        throw new IllegalStateException("pki: missing");
      }
      if (gatewayName == null) {
        throw new IllegalStateException("gatewayName: missing");
      }
      PkiDirectory dir = pki;
      String name = gatewayName;
      return route -> NodeChannels.open(dir, name, route);
    }

    private AssertionVerifier verifier() {
      if (verifier == null) {
        throw new IllegalStateException("trustList: missing");
      }
      return verifier;
    }
  }
}
