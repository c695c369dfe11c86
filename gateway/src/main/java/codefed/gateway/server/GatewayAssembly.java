package codefed.gateway.server;

import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.CheckpointSignatures;
import codefed.gateway.audit.DecisionLog;
import codefed.gateway.audit.TrustListArchive;
import codefed.gateway.audit.receipt.ReceiptSigner;
import codefed.gateway.audit.seal.EvidenceSealer;
import codefed.gateway.audit.service.AuditServiceImpl;
import codefed.gateway.audit.signing.AuditKey;
import codefed.gateway.config.GatewayOptions;
import codefed.gateway.config.PeersWatcher;
import codefed.gateway.metrics.GatewayMetrics;
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
import codefed.rpc.status.StatusExceptionInterceptor;
import codefed.threads.TransportThreadCalls;
import codefed.tls.AuthInterceptor;
import codefed.tls.CrlCache;
import codefed.tls.HandshakeDiagnostics;
import codefed.tls.MtlsCredentials;
import codefed.tls.RoleTable;
import com.google.common.util.concurrent.MoreExecutors;
import healthcode.federation.v1.AuditServiceGrpc;
import healthcode.federation.v1.RecognitionServiceGrpc;
import io.grpc.BindableService;
import io.grpc.Grpc;
import io.grpc.ServerBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Wires one gateway from its {@link GatewayOptions} and the seams a test may replace: evidence
 * sealer, audit log and receipts, policies, trust list and CRL with their expiry watch, code
 * verifier, status source, hasher, recognizer and the services. Owns everything it opened ({@link
 * #close}); the {@link GatewayServer} only serves what this assembled.
 */
final class GatewayAssembly implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(GatewayAssembly.class.getName());

  private final GatewayOptions o;
  private final GatewayServer.Builder seams;
  private final PkiDirectory pki;
  private final GatewayMetrics metrics;
  private final GatewayHealth health;
  private final Closer owned = new Closer();
  private final List<BindableService> services = new ArrayList<>();
  private DecisionLog log;
  private TrustListHolder trust;
  private CrlCache crl;
  private ExpiryWatch expiry;
  private Recognizer recognizer;

  private GatewayAssembly(GatewayServer.Builder seams, PkiDirectory pki, GatewayHealth health) {
    this.o = seams.options;
    this.seams = seams;
    this.pki = pki;
    this.metrics = seams.metrics;
    this.health = health;
  }

  /** Opens and wires everything; on failure closes what was opened. */
  static GatewayAssembly assemble(
      GatewayServer.Builder seams, PkiDirectory pki, GatewayHealth health)
      throws IOException, GatewayStartException {
    GatewayAssembly a = new GatewayAssembly(seams, pki, health);
    try {
      a.wire();
      return a;
    } catch (IOException | GatewayStartException | RuntimeException e) {
      a.close();
      throw e;
    }
  }

  private void wire() throws IOException, GatewayStartException {
    // Before anything is opened or written: no decision may be recorded without sealing.
    EvidenceSealer sealer = seams.sealer != null ? seams.sealer : sealer();
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Closer.daemonThreads("gateway-" + o.identity() + "-poll"));
    owned.add(scheduler::shutdownNow);
    ReceiptSigner receipts = null;
    if (seams.log != null) {
      log = seams.log;
    } else {
      AuditKey auditKey =
          o.auditKeyDir().isEmpty()
              ? null
              : AuditKey.loadGateway(o.auditKeyDir().get(), o.identity());
      AuditLog opened = openAuditLog(auditKey);
      log = opened;
      if (auditKey != null) {
        receipts = new ReceiptSigner(o.identity(), auditKey.signer(), opened::leafHash);
      }
    }
    health.auditService(log instanceof AuditLog);
    Supplier<PolicyBook> policies = policies(scheduler);
    if (pki != null) {
      trust(scheduler);
    }
    CodeVerifier verifier =
        seams.verifier != null
            ? seams.verifier
            : new TrustListCodeVerifier(trust, o.rememberedCodes());
    StatusSource status =
        seams.statusSource != null ? seams.statusSource : federatedStatus(scheduler);
    CodeIdHasher hasher =
        seams.hasher != null
            ? seams.hasher
            : CodeIdHasher.loadOrCreate(o.hmacKeyFile().orElseThrow());
    recognizer =
        Recognizer.builder()
            .gateway(o.identity())
            .jurisdiction(o.jurisdiction())
            .policies(policies)
            .verifier(verifier)
            .status(status)
            .log(log)
            .hasher(hasher)
            .sealer(sealer)
            .clock(seams.clock)
            .listener(metrics)
            .build();
    Executor streamExecutor = seams.streamExecutor;
    if (streamExecutor == null) {
      ExecutorService pool =
          Executors.newFixedThreadPool(
              o.streamThreads(), Closer.daemonThreads("gateway-" + o.identity() + "-stream"));
      owned.add(pool::shutdownNow);
      streamExecutor = pool;
    }
    // Sending an answer is a few microseconds: the audit writer sends it where the group
    // commit completes, without a hand-off. A receipt adds a signature per answer, so with
    // receipts two threads keep that work off the writer.
    Executor answers = MoreExecutors.directExecutor();
    if (receipts != null) {
      ExecutorService pool =
          Executors.newFixedThreadPool(
              2, Closer.daemonThreads("gateway-" + o.identity() + "-answer"));
      owned.add(pool::shutdownNow);
      answers = pool;
    }
    CheckpointRateLimiter limiter =
        new CheckpointRateLimiter(
            o.checkpointRate().permits(), o.checkpointRate().period(), metrics::rateLimited);
    // One slow issuer holds at most half the stream threads.
    services.add(
        new RecognitionServiceImpl(
            recognizer,
            limiter,
            streamExecutor,
            answers,
            Math.max(1, o.streamThreads() / 2),
            receipts));
    if (log instanceof AuditLog auditLog) {
      services.add(new AuditServiceImpl(auditLog));
    }
    services.addAll(seams.extraServices);
  }

  /** Trust list and CRL from the PKI, refused at start when expired past their grace. */
  private void trust(ScheduledExecutorService scheduler) throws GatewayStartException {
    Clock trustClock = seams.trustClock;
    try {
      trust =
          TrustListHolder.load(
              pki,
              trustClock,
              o.expiryGrace(),
              o.auditDir().isPresent()
                  ? new TrustListArchive(o.auditDir().get())::store
                  : TrustListHolder.Archiver.NONE,
              System::nanoTime);
      crl = CrlCache.open(pki, trustClock, o.revocationRecheck(), o.expiryGrace());
    } catch (codefed.trust.TrustListException e) {
      throw new GatewayStartException("trust list: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new GatewayStartException("trust list archive: " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw new GatewayStartException(e.getMessage(), e);
    }
    if (crl.freshness() == CrlCache.Freshness.EXPIRED) {
      throw new GatewayStartException(
          "CRL expired at "
              + crl.nextUpdate()
              + " and its grace of "
              + o.expiryGrace()
              + " is over: publish a refreshed CRL (codefed certs refresh)",
          null);
    }
    TrustListHolder t = trust;
    metrics
        .trust()
        .expiries(
            () -> Duration.between(trustClock.instant(), t.inUse().nextUpdate()).toSeconds(),
            crl::secondsToExpiry);
    expiry = new ExpiryWatch(trust, crl, trustClock, o.expiryWarning(), health::trustServing);
    long every = o.trustListPoll().toMillis();
    scheduler.scheduleWithFixedDelay(expiry, every, every, TimeUnit.MILLISECONDS);
  }

  /** The auditors' certified sealing key from the PKI: no decision is recorded without it. */
  private EvidenceSealer sealer() throws GatewayStartException {
    if (pki == null) {
      throw new GatewayStartException(
          "no auditors' sealing key: set a PKI directory or an evidence sealer", null);
    }
    try {
      // Judged by the wall clock, like the trust list: a drill clock must not expire it.
      return EvidenceSealer.fromPki(pki, Instant.now());
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new GatewayStartException("auditors' sealing key: " + e.getMessage(), e);
    }
  }

  /** The status source over the configured peers' nodes (mTLS, breakers, cache, change streams). */
  private StatusSource federatedStatus(ScheduledExecutorService scheduler) {
    FederatedStatusSource source =
        FederatedStatusSource.builder()
            .pki(pki)
            .gatewayName(o.identity())
            .peers(o.peers())
            .trustList(trust)
            .clock(seams.clock)
            .listener(metrics)
            .options(o.status())
            .build();
    source.start();
    owned.add(source);
    if (seams.configFile != null) {
      try {
        PeersWatcher watcher = new PeersWatcher(seams.configFile, o, source::updatePeers);
        long every = o.policyPoll().toMillis();
        scheduler.scheduleWithFixedDelay(watcher, every, every, TimeUnit.MILLISECONDS);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot watch " + seams.configFile, e);
      }
    }
    return source;
  }

  private Supplier<PolicyBook> policies(ScheduledExecutorService scheduler)
      throws GatewayStartException {
    try {
      if (o.policyDir().isPresent()) {
        PolicyDirectoryWatcher watcher =
            PolicyDirectoryWatcher.open(o.policyDir().get(), this::archive);
        watcher.start(scheduler, o.policyPoll());
        owned.add(watcher);
        return watcher;
      }
      Supplier<PolicyBook> given = seams.policies;
      if (given == null) {
        PolicyBook shipped = PolicyBook.shipped();
        given = () -> shipped;
      }
      for (Policy p : given.get().all()) {
        archive(p);
      }
      return given;
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
  private AuditLog openAuditLog(AuditKey auditKey) throws IOException, GatewayStartException {
    Path dir = o.auditDir().orElseThrow();
    RollbackGuard.checkBeforeOpen(dir, o.identity(), o.witnessStateDirs());
    AuditLogOptions options =
        auditKey == null
            ? AuditLogOptions.defaults(
                o.identity(), CheckpointSignatures.gatewaySigner(pki, o.identity()))
            : AuditLogOptions.defaults(o.identity(), auditKey.signer())
                .withSignerCertificate(auditKey.certificateDer());
    if (auditKey == null) {
      LOG.warning(
          "gateway "
              + o.identity()
              + ": no audit_key_dir; checkpoints are signed with the TLS identity key"
              + " and answers carry no signed receipt");
    }
    AuditLog opened =
        AuditLog.open(
            dir, options.withClock(seams.clock).withDurabilityTimeout(o.auditDurabilityTimeout()));
    owned.add(opened);
    RollbackGuard.checkOpened(opened, o.identity(), o.witnessStateDirs());
    return opened;
  }

  /**
   * The production server builder: mutual TLS with the gateway identity on the configured port and
   * a fixed pool of call threads, not gRPC's default cached one (its threads stay busy draining a
   * queue instead of being handed each call and parked again), except for unary scans, which are
   * decided on the transport thread that read them, method lookup included: nothing on their path
   * blocks (node calls and the audit log's durability are asynchronous; the costliest step is one
   * signature verification of a new code, tens of microseconds), and a hand-off to the pool per
   * scan cost a fifth to a third of a cached decision's CPU ({@link TransportThreadCalls}). Audit
   * queries that read files, streams, health and reflection run on the pool. No call thread waits:
   * node calls are asynchronous (bounded per issuer by its in-flight limit) and answers are sent
   * when the record is durable.
   */
  ServerBuilder<?> mtlsServerBuilder() {
    ExecutorService calls =
        Executors.newFixedThreadPool(
            o.callThreads(), Closer.daemonThreads("gateway-" + o.identity() + "-call"));
    owned.add(calls::shutdownNow);
    HandshakeDiagnostics handshakes =
        new HandshakeDiagnostics(
            reason -> metrics.trust().handshakeRefused(reason.label()), Clock.systemUTC());
    return Grpc.newServerBuilderForPort(
            o.port(), MtlsCredentials.server(pki, Role.GATEWAY, o.identity(), crl, handshakes))
        .directExecutor()
        .callExecutor(TransportThreadCalls.only(calls, RecognitionServiceGrpc.getRecognizeMethod()))
        // Every client re-validates in a fresh handshake at least this often, streams included.
        .maxConnectionAge(o.maxConnectionAge().toMillis(), TimeUnit.MILLISECONDS)
        .maxConnectionAgeGrace(o.maxConnectionAgeGrace().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The gateway's services (recognition, audit when the log is its own, extra ones). */
  List<BindableService> services() {
    return List.copyOf(services);
  }

  /**
   * Interceptors in the order they are added to the server builder (gRPC runs the last added
   * first): status mapping innermost, next to the services; then the caller's name; authentication
   * first of all.
   */
  List<io.grpc.ServerInterceptor> interceptors() {
    List<io.grpc.ServerInterceptor> list = new ArrayList<>();
    list.add(new StatusExceptionInterceptor(GatewayStatusMapper.MAPPER));
    if (seams.authentication != null) {
      list.add(seams.authentication);
    } else {
      list.add(new CallerNameInterceptor());
      list.add(
          new AuthInterceptor(
              roleTable(),
              pki.trustDomain(),
              (method, code) -> metrics.callRefused(method, code.name()),
              crl));
    }
    return list;
  }

  /** Once serving: the writer's health is watched, and an expiry due now is reported. */
  void started() {
    if (log instanceof AuditLog auditLog) {
      auditLog.watchWriter(new AuditWriterHealth(health::writerServing, metrics));
    }
    if (expiry != null) {
      expiry.run(); // warns now if due, and reports a list that expires during the start
    }
  }

  static RoleTable roleTable() {
    return RoleTable.builder()
        .allowService(RecognitionServiceGrpc.SERVICE_NAME, Role.CHECKPOINT)
        .allowService(AuditServiceGrpc.SERVICE_NAME, Role.AUDITOR)
        .build();
  }

  DecisionLog log() {
    return log;
  }

  Recognizer recognizer() {
    return recognizer;
  }

  /** The trust list in use, or null when not started from a PKI directory. */
  TrustListHolder trustList() {
    return trust;
  }

  void own(AutoCloseable resource) {
    owned.add(resource);
  }

  @Override
  public void close() {
    owned.closeAll();
  }
}
