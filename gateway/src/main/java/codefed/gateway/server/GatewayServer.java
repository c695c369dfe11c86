package codefed.gateway.server;

import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.CheckpointSignatures;
import codefed.gateway.audit.DecisionLog;
import codefed.gateway.audit.TrustListArchive;
import codefed.gateway.audit.seal.EvidenceSealer;
import codefed.gateway.audit.receipt.ReceiptSigner;
import codefed.gateway.audit.service.AuditServiceImpl;
import codefed.gateway.audit.signing.AuditKey;
import codefed.gateway.config.GatewaySettings;
import codefed.gateway.config.PeersWatcher;
import codefed.gateway.metrics.GatewayMetrics;
import codefed.gateway.metrics.MetricsHttpServer;
import codefed.gateway.policy.Policy;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.policy.PolicyDirectoryWatcher;
import codefed.gateway.recognition.CodeIdHasher;
import codefed.gateway.recognition.CodeVerifier;
import codefed.gateway.recognition.Recognizer;
import codefed.gateway.recognition.TrustListCodeVerifier;
import codefed.gateway.status.FederatedStatusSource;
import codefed.gateway.status.StatusSource;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.tls.AuthInterceptor;
import codefed.tls.CrlCache;
import codefed.tls.HandshakeDiagnostics;
import codefed.tls.MtlsCredentials;
import codefed.tls.RoleTable;
import healthcode.federation.v1.FederationPeer;
import healthcode.federation.v1.AuditServiceGrpc;
import healthcode.federation.v1.RecognitionServiceGrpc;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The gateway's composition root: a {@code RecognitionService} server over mutual TLS with
 * authentication and per-RPC roles, health, reflection, an audit log receipt for every decision,
 * policies that follow their directory, and a Prometheus metrics endpoint on loopback.
 * Embeddable: several gateways can run in one JVM, each with its own (possibly simulated) clock.
 *
 * <pre>{@code
 * GatewayServer gw = GatewayServer.builder()
 *     .jurisdiction("150000").pki(pki).identity("150000")
 *     .statusSource(status).decisionLog(log).clock(clock)
 *     .build();
 * int port = gw.start();
 * ...
 * gw.stop();
 * }</pre>
 */
public final class GatewayServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GatewayServer.class.getName());
  /** A QR text is at most 4 KiB; anything much larger is not a scan. */
  static final int MAX_INBOUND_MESSAGE_BYTES = 16 * 1024;
  static final int MAX_INBOUND_METADATA_BYTES = 8 * 1024;
  /** Call threads of the mTLS server; node calls may hold at most three quarters of them. */
  static final int DEFAULT_CALL_THREADS = 64;
  static final String AUDIT_SERVICE = "healthcode.federation.v1.AuditService";
  static final Duration DEFAULT_EXPIRY_GRACE = Duration.ofDays(7);
  static final Duration DEFAULT_EXPIRY_WARNING = Duration.ofDays(14);
  static final Duration DEFAULT_MAX_CONNECTION_AGE = Duration.ofMinutes(30);
  static final Duration DEFAULT_MAX_CONNECTION_AGE_GRACE = Duration.ofMinutes(1);

  private final Builder config;
  private final GatewayMetrics metrics;
  private final HealthStatusManager health = new HealthStatusManager();
  private volatile boolean trustServing = true;
  private volatile TrustListHolder trustList;
  private volatile boolean writerServing = true;
  private final Closer owned = new Closer();
  private Server server;
  private MetricsHttpServer metricsHttp;
  private Recognizer recognizer;
  private DecisionLog log;
  private volatile boolean stopped;

  private GatewayServer(Builder b) {
    this.config = b;
    this.metrics = b.metrics;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Loads policies and the trust list, starts serving and returns the port (-1 for a
   * non-network transport such as in-process).
   *
   * @throws IOException if the server cannot bind or a required file cannot be read
   * @throws GatewayStartException if policies, trust list or HMAC key are unusable
   */
  public synchronized int start() throws IOException, GatewayStartException {
    if (server != null) {
      throw new IllegalStateException("already started");
    }
    try {
      return startServing();
    } catch (IOException | GatewayStartException | RuntimeException e) {
      closeOwned();
      throw e;
    }
  }

  private int startServing() throws IOException, GatewayStartException {
    Builder b = config;
    // Before anything is opened or written: no decision may be recorded without sealing.
    EvidenceSealer sealer = b.sealer != null ? b.sealer : sealer(b);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Closer.daemonThreads("gateway-" + b.identity + "-poll"));
    owned.add(scheduler::shutdownNow);
    ReceiptSigner receipts = null;
    if (b.log != null) {
      log = b.log;
    } else {
      AuditKey auditKey = b.auditKeyDir == null ? null : AuditKey.loadGateway(b.auditKeyDir, b.identity);
      AuditLog opened = openAuditLog(b, auditKey);
      log = opened;
      if (auditKey != null) {
        receipts = new ReceiptSigner(b.identity, auditKey.signer(), opened::leafHash);
      }
    }
    Supplier<PolicyBook> policies = policies(b, scheduler);
    TrustListHolder trust = null;
    CrlCache crl = null;
    ExpiryWatch expiry = null;
    if (b.pki != null) {
      try {
        trust = TrustListHolder.load(b.pki, b.trustClock, b.expiryGrace,
            b.auditDir != null ? new TrustListArchive(b.auditDir)::store : TrustListHolder.Archiver.NONE,
            System::nanoTime);
        crl = CrlCache.open(b.pki, b.trustClock, b.revocationRecheck, b.expiryGrace);
      } catch (codefed.trust.TrustListException e) {
        throw new GatewayStartException("trust list: " + e.getMessage(), e);
      } catch (IOException e) {
        throw new GatewayStartException("trust list archive: " + e.getMessage(), e);
      } catch (IllegalStateException e) {
        throw new GatewayStartException(e.getMessage(), e);
      }
      if (crl.freshness() == CrlCache.Freshness.EXPIRED) {
        throw new GatewayStartException("CRL expired at " + crl.nextUpdate() + " and its grace of "
            + b.expiryGrace + " is over: publish a refreshed CRL (codefed certs refresh)", null);
      }
      trustList = trust;
      TrustListHolder t = trust;
      CrlCache c = crl;
      metrics.trust().expiries(() -> Duration.between(b.trustClock.instant(), t.inUse().nextUpdate()).toSeconds(),
          c::secondsToExpiry);
      expiry = new ExpiryWatch(trust, crl, b.trustClock, b.expiryWarning, this::setServing);
      long every = b.trustListPoll.toMillis();
      scheduler.scheduleWithFixedDelay(expiry, every, every, TimeUnit.MILLISECONDS);
    }
    CodeVerifier verifier = b.verifier != null ? b.verifier : new TrustListCodeVerifier(trust, b.rememberedCodes);
    StatusSource status = b.statusSource != null ? b.statusSource : federatedStatus(b, trust, scheduler);
    CodeIdHasher hasher = b.hasher != null ? b.hasher
        : CodeIdHasher.loadOrCreate(b.hmacKeyFile != null ? b.hmacKeyFile : GatewaySettings.defaultHmacKeyFile(b.auditDir));
    recognizer = Recognizer.builder()
        .gateway(b.identity).jurisdiction(b.jurisdiction).policies(policies).verifier(verifier)
        .status(status).log(log).hasher(hasher).sealer(sealer).clock(b.clock).listener(metrics).build();
    Executor streamExecutor = b.streamExecutor;
    if (streamExecutor == null) {
      ExecutorService pool = Executors.newFixedThreadPool(b.streamThreads, Closer.daemonThreads("gateway-" + b.identity + "-stream"));
      owned.add(pool::shutdownNow);
      streamExecutor = pool;
    }
    // Sending an answer is a few microseconds: the audit writer sends it where the group
    // commit completes, without a hand-off. A receipt adds a signature per answer, so with
    // receipts two threads keep that work off the writer.
    Executor answers = MoreExecutors.directExecutor();
    if (receipts != null) {
      ExecutorService pool = Executors.newFixedThreadPool(2, Closer.daemonThreads("gateway-" + b.identity + "-answer"));
      owned.add(pool::shutdownNow);
      answers = pool;
    }
    CheckpointRateLimiter limiter = new CheckpointRateLimiter(b.ratePermits, b.ratePeriod, metrics::rateLimited);

    ServerBuilder<?> sb;
    if (b.serverBuilder != null) {
      sb = b.serverBuilder;
    } else {
      // A fixed pool, not gRPC's default cached one: its threads stay busy draining a queue
      // instead of being handed each call and parked again, which is most of the cost of a
      // cache hit. No call thread waits: node calls are asynchronous (bounded per issuer by
      // its in-flight limit) and answers are sent when the record is durable.
      ExecutorService calls = Executors.newFixedThreadPool(b.callThreads, Closer.daemonThreads("gateway-" + b.identity + "-call"));
      owned.add(calls::shutdownNow);
      HandshakeDiagnostics handshakes = new HandshakeDiagnostics(
          reason -> metrics.trust().handshakeRefused(reason.label()), Clock.systemUTC());
      sb = Grpc.newServerBuilderForPort(b.port, MtlsCredentials.server(b.pki, Role.GATEWAY, b.identity, crl, handshakes))
          .executor(calls)
          .callExecutor(new ScanCallExecutors())
          // Every client re-validates in a fresh handshake at least this often, streams included.
          .maxConnectionAge(b.maxConnectionAge.toMillis(), TimeUnit.MILLISECONDS)
          .maxConnectionAgeGrace(b.maxConnectionAgeGrace.toMillis(), TimeUnit.MILLISECONDS);
    }
    sb.maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
        .maxInboundMetadataSize(MAX_INBOUND_METADATA_BYTES)
        .handshakeTimeout(10, TimeUnit.SECONDS)
        .addService(new RecognitionServiceImpl(recognizer, limiter, streamExecutor, answers,
            Math.max(1, b.streamThreads / 2), receipts)) // one slow issuer holds at most half the stream threads
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        .addService(reflectionV1alpha());
    if (log instanceof AuditLog auditLog) {
      sb.addService(new AuditServiceImpl(auditLog));
    }
    for (BindableService extra : b.extraServices) {
      sb.addService(extra);
    }
    if (b.authentication != null) {
      sb.intercept(b.authentication);
    } else {
      // Interceptors run last-added first: authenticate, then expose the caller's name.
      sb.intercept(new CallerNameInterceptor());
      sb.intercept(new AuthInterceptor(roleTable(), b.pki.trustDomain(),
          (method, code) -> metrics.callRefused(method, code.name()), crl));
    }
    server = sb.build().start();
    setServing(true);
    if (log instanceof AuditLog auditLog) {
      auditLog.watchWriter(new AuditWriterHealth(this::setWriterServing, metrics));
    }
    if (expiry != null) {
      expiry.run(); // warns now if due, and reports a list that expires during the start
    }
    if (b.metricsPort >= 0) {
      metricsHttp = MetricsHttpServer.start(b.metricsPort, metrics::render);
      owned.add(metricsHttp);
    }
    LOG.info("gateway " + b.identity + " for " + b.jurisdiction + " serving on port " + server.getPort()
        + (metricsHttp == null ? "" : ", metrics on http://127.0.0.1:" + metricsHttp.port() + "/metrics"));
    return server.getPort();
  }

  /** The auditors' certified sealing key from the PKI: no decision is recorded without it. */
  private static EvidenceSealer sealer(Builder b) throws GatewayStartException {
    if (b.pki == null) {
      throw new GatewayStartException("no auditors' sealing key: set a PKI directory or an evidence sealer", null);
    }
    try {
      // Judged by the wall clock, like the trust list: a drill clock must not expire it.
      return EvidenceSealer.fromPki(b.pki, Instant.now());
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new GatewayStartException("auditors' sealing key: " + e.getMessage(), e);
    }
  }

  /**
   * Re-reads the PKI's trust list now instead of at the next poll (an operator who has just
   * refreshed this gateway's bundle after a key rotation); returns the version in use.
   */
  public long reloadTrustList() {
    TrustListHolder t = trustList;
    if (t == null) {
      throw new IllegalStateException("no trust list: not started from a PKI directory");
    }
    t.refresh();
    return t.inUse().version();
  }

  /** Health follows the trust material (expiry watch); no lock, called from the poll thread. */
  private void setServing(boolean serving) {
    trustServing = serving;
    publishHealth();
  }

  /** Health follows the audit writer too: no decision without a durable record. */
  private void setWriterServing(boolean serving) {
    writerServing = serving;
    publishHealth();
  }

  /**
   * Recognition serves only while both the trust material and the audit writer allow it; the
   * audit service reads what is already durable, so it serves as long as the log is open.
   */
  private void publishHealth() {
    if (stopped) {
      return;
    }
    ServingStatus status = trustServing && writerServing ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    health.setStatus("", status);
    health.setStatus(RecognitionServiceGrpc.SERVICE_NAME, status);
    if (log instanceof AuditLog) {
      health.setStatus(AuditServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
    }
  }

  /**
   * Reflection v1alpha beside v1: grpcurl, Postman and older grpc_cli still ask v1alpha only.
   * grpc-java deprecates the class in favour of v1, not the protocol.
   */
  @SuppressWarnings("deprecation")
  private static io.grpc.BindableService reflectionV1alpha() {
    return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
  }

  /** The status source over the configured peers' nodes (mTLS, breakers, cache, change streams). */
  private StatusSource federatedStatus(Builder b, TrustListHolder trust, ScheduledExecutorService scheduler) {
    FederatedStatusSource source = FederatedStatusSource.builder()
        .pki(b.pki).gatewayName(b.identity).peers(b.peers).trustList(trust).clock(b.clock)
        .listener(metrics).nodeDeadline(b.nodeDeadline).maxEntries(b.statusCacheEntries)
        .build();
    source.start();
    owned.add(source);
    if (b.configFile != null && b.settings != null) {
      try {
        PeersWatcher watcher = new PeersWatcher(b.configFile, b.settings, source::updatePeers);
        long every = b.policyPoll.toMillis();
        scheduler.scheduleWithFixedDelay(watcher, every, every, TimeUnit.MILLISECONDS);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot watch " + b.configFile, e);
      }
    }
    return source;
  }

  private Supplier<PolicyBook> policies(Builder b, ScheduledExecutorService scheduler) throws GatewayStartException {
    try {
      if (b.policyDir != null) {
        PolicyDirectoryWatcher watcher = PolicyDirectoryWatcher.open(b.policyDir, this::archive);
        watcher.start(scheduler, b.policyPoll);
        owned.add(watcher);
        return watcher;
      }
      PolicyBook book = b.policies.get();
      for (Policy p : book.all()) {
        archive(p);
      }
      return b.policies;
    } catch (Exception e) {
      throw new GatewayStartException("policies: " + e.getMessage(), e);
    }
  }

  private void archive(Policy p) throws Exception {
    log.archivePolicy(p.contentHash(), p.documentText());
  }

  /**
   * The audit log in the configured directory, checkpoints signed with the audit key (else, in
   * older set-ups, the TLS identity key); refused if a witness cosigned more than it holds.
   */
  private AuditLog openAuditLog(Builder b, AuditKey auditKey) throws IOException, GatewayStartException {
    RollbackGuard.checkBeforeOpen(b.auditDir, b.identity, b.witnessStateDirs);
    AuditLogOptions options = auditKey == null
        ? AuditLogOptions.defaults(b.identity, CheckpointSignatures.gatewaySigner(b.pki, b.identity))
        : AuditLogOptions.defaults(b.identity, auditKey.signer()).withSignerCertificate(auditKey.certificateDer());
    if (auditKey == null) {
      LOG.warning("gateway " + b.identity + ": no audit_key_dir; checkpoints are signed with the TLS identity key"
          + " and answers carry no signed receipt");
    }
    AuditLog opened = AuditLog.open(b.auditDir, options.withClock(b.clock).withDurabilityTimeout(b.auditDurabilityTimeout));
    owned.add(opened);
    RollbackGuard.checkOpened(opened, b.identity, b.witnessStateDirs);
    return opened;
  }

  /** The decision log in use (the audit log opened from the audit directory, or the one given). */
  public synchronized DecisionLog decisionLog() {
    if (log == null) {
      throw new IllegalStateException("not started");
    }
    return log;
  }

  static RoleTable roleTable() {
    return RoleTable.builder()
        .allowService(RecognitionServiceGrpc.SERVICE_NAME, Role.CHECKPOINT)
        .allowService(AUDIT_SERVICE, Role.AUDITOR)
        .build();
  }

  /** The port the server listens on (-1 if not started or not a network transport). */
  public synchronized int port() {
    return server == null ? -1 : server.getPort();
  }

  /** The metrics endpoint's port, or -1 when it is off. */
  public synchronized int metricsPort() {
    return metricsHttp == null ? -1 : metricsHttp.port();
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  /** The recognizer behind the service (for embedding callers that scan without gRPC). */
  public synchronized Recognizer recognizer() {
    if (recognizer == null) {
      throw new IllegalStateException("not started");
    }
    return recognizer;
  }

  /** Graceful stop: NOT_SERVING, finish calls in flight (up to the grace period), then close. */
  public synchronized void stop() {
    if (server == null || stopped) {
      closeOwned();
      return;
    }
    stopped = true;
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(config.shutdownGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    closeOwned();
  }

  @Override
  public void close() {
    stop();
  }

  public void blockUntilShutdown() throws InterruptedException {
    Server s;
    synchronized (this) {
      s = server;
    }
    if (s != null) {
      s.awaitTermination();
    }
  }

  private void closeOwned() {
    owned.closeAll();
    metricsHttp = null;
  }

  /**
   * Configures a {@link GatewayServer}. Required: the jurisdiction and a PKI directory (its
   * gateway identity serves mTLS, its trust list verifies codes and node answers); an audit
   * directory or a decision log; peers or a status source. Without a PKI: an in-process server
   * builder with its own authentication, a code verifier and a status source (tests).
   */
  public static final class Builder {
    private String jurisdiction;
    private String identity;
    private PkiDirectory pki;
    private int port;
    private ServerBuilder<?> serverBuilder;
    private ServerInterceptor authentication;
    private Clock clock = Clock.systemUTC();
    private Supplier<PolicyBook> policies;
    private Path policyDir;
    private Duration policyPoll = Duration.ofSeconds(5);
    private Duration trustListPoll = Duration.ofMinutes(1);
    private DecisionLog log;
    private Path auditDir;
    private Path auditKeyDir;
    private List<Path> witnessStateDirs = List.of();
    private CodeIdHasher hasher;
    private EvidenceSealer sealer;
    private Path hmacKeyFile;
    private StatusSource statusSource;
    private CodeVerifier verifier;
    private int rememberedCodes = 100_000;
    private GatewayMetrics metrics = new GatewayMetrics();
    private int metricsPort = -1;
    private int ratePermits = 50;
    private Duration ratePeriod = Duration.ofSeconds(1);
    private int streamThreads = 16;
    private int callThreads = DEFAULT_CALL_THREADS;
    private Executor streamExecutor;
    private Duration shutdownGrace = Duration.ofSeconds(5);
    private final List<BindableService> extraServices = new ArrayList<>();
    private List<FederationPeer> peers = List.of();
    private Duration nodeDeadline = GatewaySettings.DEFAULT_NODE_DEADLINE;
    private int statusCacheEntries = GatewaySettings.DEFAULT_CACHE_MAX_ENTRIES;
    private Clock trustClock = Clock.systemUTC();
    private Path configFile;
    private GatewaySettings settings;
    private Duration expiryGrace = DEFAULT_EXPIRY_GRACE;
    private Duration expiryWarning = DEFAULT_EXPIRY_WARNING;
    private Duration revocationRecheck = CrlCache.DEFAULT_RECHECK;
    private Duration maxConnectionAge = DEFAULT_MAX_CONNECTION_AGE;
    private Duration maxConnectionAgeGrace = DEFAULT_MAX_CONNECTION_AGE_GRACE;
    private Duration auditDurabilityTimeout = AuditLogOptions.DEFAULT_DURABILITY_TIMEOUT;

    private Builder() {}

    /**
     * The wall clock that judges trust list and CRL expiry and times the CRL re-check
     * (default: the system clock; independent of {@link #clock}, which may be a drill clock).
     */
    public Builder trustClock(Clock v) { this.trustClock = Objects.requireNonNull(v, "trustClock"); return this; }
    /**
     * How long a trust list or CRL past its next_update is still used (default 7 days), and
     * how far ahead of next_update the log warns (default 14 days).
     */
    public Builder expiry(Duration grace, Duration warnAhead) { this.expiryGrace = grace; this.expiryWarning = warnAhead; return this; }
    /** How often the trust list is re-read and its and the CRL's expiry checked (default 1 min). */
    public Builder trustListPoll(Duration v) { this.trustListPoll = Objects.requireNonNull(v, "trustListPoll"); return this; }
    /** How late calls on open connections see a rewritten CRL (default 10 s). */
    public Builder revocationRecheck(Duration v) { this.revocationRecheck = v; return this; }
    /** Longest life of a client connection, then the grace its calls get (default 30 min, 1 min). */
    public Builder maxConnectionAge(Duration age, Duration grace) { this.maxConnectionAge = age; this.maxConnectionAgeGrace = grace; return this; }

    /**
     * Everything {@code file} sets, and the file is watched: peers added to or removed from it
     * apply without a restart (checked every policy poll interval); other settings need one.
     */
    public Builder configFile(Path file, GatewaySettings s) {
      settings(s);
      this.configFile = Objects.requireNonNull(file, "file");
      this.settings = s;
      return this;
    }

    /** Everything a configuration file sets (a status source or peers still apply). */
    public Builder settings(GatewaySettings s) {
      jurisdiction(s.jurisdiction());
      identity(s.identity());
      port(s.port());
      pki(PkiDirectory.open(s.pkiDir()));
      s.policyDir().ifPresent(dir -> policyDir(dir, s.policyPollInterval()));
      auditDir(s.auditDir());
      s.auditKeyDir().ifPresent(this::auditKeyDir);
      witnessStateDirs(s.witnessStateDirs());
      hmacKeyFile(s.hmacKeyFile());
      metricsPort(s.metricsPort());
      rateLimit(s.checkpointRatePerSecond(), Duration.ofSeconds(1));
      peers(s.peers());
      nodeDeadline(s.nodeDeadline());
      statusCacheEntries(s.cacheMaxEntries());
      auditDurabilityTimeout(s.auditDurabilityTimeout());
      return this;
    }

    /** How long a scan waits for its audit record to be durable before UNAVAILABLE (default 2 s). */
    public Builder auditDurabilityTimeout(Duration v) { this.auditDurabilityTimeout = v; return this; }

    /** Issuers' nodes: where to reach them and who they must be. */
    public Builder peers(List<FederationPeer> v) { this.peers = List.copyOf(v); return this; }
    /** Deadline of every node call. */
    public Builder nodeDeadline(Duration v) { this.nodeDeadline = v; return this; }
    /** Bound of the status cache. */
    public Builder statusCacheEntries(int v) { this.statusCacheEntries = v; return this; }

    /** The province whose policies this gateway applies, e.g. "150000". */
    public Builder jurisdiction(String v) { this.jurisdiction = v; return this; }
    /** This gateway's identity name in the PKI ({@code gateway/<name>}); default: the jurisdiction. */
    public Builder identity(String v) { this.identity = v; return this; }
    public Builder pki(PkiDirectory v) { this.pki = v; return this; }
    /** Listen port for the default mTLS server (0 = ephemeral). */
    public Builder port(int v) { this.port = v; return this; }
    /** Use this server builder (e.g. in-process) instead of an mTLS one on {@link #port}. */
    public Builder serverBuilder(ServerBuilder<?> v) { this.serverBuilder = v; return this; }
    /**
     * Replaces mTLS authentication with this interceptor, which must set {@link CallerContext}
     * (in-process tests only: it bypasses the role table).
     */
    public Builder authentication(ServerInterceptor v) { this.authentication = v; return this; }
    /** The clock decisions are made at (scan time = clock.instant()). */
    public Builder clock(Clock v) { this.clock = v; return this; }
    /** Policies to apply; default: the shipped ones. Ignored when {@link #policyDir} is set. */
    public Builder policies(Supplier<PolicyBook> v) { this.policies = v; return this; }
    /** A directory of policy files, watched for new or changed files every {@code poll}. */
    public Builder policyDir(Path dir, Duration poll) { this.policyDir = dir; this.policyPoll = poll; return this; }
    /** Record decisions here instead of an audit log opened from {@link #auditDir}. */
    public Builder decisionLog(DecisionLog v) { this.log = v; return this; }
    /** The audit log directory, opened (and closed at stop) by the gateway; trust lists are archived in it. */
    public Builder auditDir(Path v) { this.auditDir = v; return this; }
    /** The audit-signing key ({@code certs issue-audit-key}): signs checkpoints and receipts. */
    public Builder auditKeyDir(Path v) { this.auditKeyDir = v; return this; }
    /** Witnesses' state directories: the log must extend what they cosigned, or the gateway refuses to start. */
    public Builder witnessStateDirs(List<Path> v) { this.witnessStateDirs = List.copyOf(v); return this; }
    /** HMAC key for code ids; default: loaded (or generated) from {@link #hmacKeyFile}. */
    public Builder hasher(CodeIdHasher v) { this.hasher = v; return this; }
    public Builder hmacKeyFile(Path v) { this.hmacKeyFile = v; return this; }
    /** Seals evidence for the auditors; default: to the key certified in the PKI ({@code sealing/auditors.crt}). */
    public Builder evidenceSealer(EvidenceSealer v) { this.sealer = v; return this; }
    /** Where statuses come from; default: the issuers' nodes listed in {@link #peers}. */
    public Builder statusSource(StatusSource v) { this.statusSource = v; return this; }
    /** Replaces verification against the PKI's trust list (tests). */
    public Builder codeVerifier(CodeVerifier v) { this.verifier = v; return this; }
    public Builder metrics(GatewayMetrics v) { this.metrics = v; return this; }
    /** Loopback metrics port: 0 = ephemeral, -1 = off (the default). */
    public Builder metricsPort(int v) { this.metricsPort = v; return this; }
    /** Scans allowed per checkpoint and period. */
    public Builder rateLimit(int permits, Duration period) { this.ratePermits = permits; this.ratePeriod = period; return this; }
    public Builder shutdownGrace(Duration v) { this.shutdownGrace = v; return this; }
    /**
     * Threads that run calls (the mTLS server only). At most three quarters of them wait on
     * nodes at once (across issuers; 32 per issuer), so hanging nodes never stop the scans that
     * need no node.
     */
    public Builder callThreads(int v) { this.callThreads = v; return this; }
    /**
     * Where RecognizeStream scans are decided; default: a pool of 16 daemon threads, of which one
     * issuer's scans hold at most half at once.
     */
    public Builder streamExecutor(Executor v) { this.streamExecutor = v; return this; }
    /** Another service to serve beside RecognitionService (e.g. the AuditService). */
    public Builder addService(BindableService v) { this.extraServices.add(v); return this; }

    public GatewayServer build() {
      Objects.requireNonNull(jurisdiction, "jurisdiction");
      if (statusSource == null && pki == null) {
        throw new IllegalStateException("statusSource: missing (expected: a status source, or a PKI and peers)");
      }
      if (log == null && (auditDir == null || pki == null)) {
        throw new IllegalStateException("auditDir: missing (expected: an audit directory and a PKI, or a decision log)");
      }
      Objects.requireNonNull(clock, "clock");
      if (identity == null) {
        identity = jurisdiction;
      }
      if (pki == null && (serverBuilder == null || authentication == null || verifier == null)) {
        throw new IllegalStateException("pki: missing (expected: a PKI directory, or an in-process "
            + "server builder with authentication and a code verifier)");
      }
      if (hasher == null && hmacKeyFile == null && auditDir == null) {
        throw new IllegalStateException("hmacKeyFile: missing (expected: a key file path, a hasher or an audit directory)");
      }
      if (policies == null) {
        PolicyBook shipped = PolicyBook.shipped();
        policies = () -> shipped;
      }
      if (ratePermits <= 0) {
        throw new IllegalStateException("rateLimit: " + ratePermits + " (expected: > 0)");
      }
      if (expiryGrace.isNegative() || expiryWarning.isNegative()) {
        throw new IllegalStateException("expiry: grace " + expiryGrace + ", warning " + expiryWarning + " (expected: >= 0)");
      }
      if (revocationRecheck.isNegative()) {
        throw new IllegalStateException("revocationRecheck: " + revocationRecheck + " (expected: >= 0)");
      }
      if (maxConnectionAge.isNegative() || maxConnectionAge.isZero() || maxConnectionAgeGrace.isNegative()) {
        throw new IllegalStateException("maxConnectionAge: " + maxConnectionAge + ", grace " + maxConnectionAgeGrace
            + " (expected: > 0, grace >= 0)");
      }
      if (callThreads <= 0) {
        throw new IllegalStateException("callThreads: " + callThreads + " (expected: > 0)");
      }
      return new GatewayServer(this);
    }
  }
}
