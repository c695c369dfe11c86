package codefed.gateway.server;

import codefed.gateway.audit.DecisionLog;
import codefed.gateway.audit.seal.EvidenceSealer;
import codefed.gateway.config.GatewayOptions;
import codefed.gateway.metrics.GatewayMetrics;
import codefed.gateway.metrics.MetricsHttpServer;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.recognition.CodeIdHasher;
import codefed.gateway.recognition.CodeVerifier;
import codefed.gateway.recognition.Recognizer;
import codefed.gateway.status.StatusSource;
import codefed.pki.PkiDirectory;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The gateway process's lifecycle: serves what {@link GatewayAssembly} wired from the {@link
 * GatewayOptions} (recognition and audit services behind mTLS authentication, health, reflection, a
 * loopback metrics endpoint), reloads the trust list on demand, stops gracefully. Embeddable:
 * several gateways can run in one JVM, each with its own (possibly simulated) clock.
 *
 * <pre>{@code
 * GatewayOptions options = GatewayOptions.builder("150000").pkiDir(pki).auditDir(audit).build();
 * GatewayServer gw = GatewayServer.builder(options).statusSource(status).clock(clock).build();
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

  private final Builder seams;
  private final PkiDirectory pki;
  private final GatewayHealth health = new GatewayHealth();
  private GatewayAssembly assembly;
  private Server server;
  private MetricsHttpServer metricsHttp;
  private boolean stopped;

  private GatewayServer(Builder b, PkiDirectory pki) {
    this.seams = b;
    this.pki = pki;
  }

  /** A gateway with these options; the builder's other methods replace parts for tests. */
  public static Builder builder(GatewayOptions options) {
    return new Builder(options);
  }

  /**
   * Loads policies and the trust list, starts serving and returns the port (-1 for a non-network
   * transport such as in-process).
   *
   * @throws IOException if the server cannot bind or a required file cannot be read
   * @throws GatewayStartException if policies, trust list or HMAC key are unusable
   */
  public synchronized int start() throws IOException, GatewayStartException {
    if (assembly != null) {
      throw new IllegalStateException("already started");
    }
    GatewayOptions o = seams.options;
    assembly = GatewayAssembly.assemble(seams, pki, health);
    try {
      ServerBuilder<?> sb =
          seams.serverBuilder != null ? seams.serverBuilder : assembly.mtlsServerBuilder();
      sb.maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
          .maxInboundMetadataSize(MAX_INBOUND_METADATA_BYTES)
          .handshakeTimeout(10, TimeUnit.SECONDS)
          .addService(health.service())
          .addService(ProtoReflectionServiceV1.newInstance())
          .addService(reflectionV1alpha());
      assembly.services().forEach(sb::addService);
      assembly.interceptors().forEach(sb::intercept);
      server = sb.build().start();
      health.trustServing(true);
      assembly.started();
      if (o.metricsPort() >= 0) {
        metricsHttp = MetricsHttpServer.start(o.metricsPort(), seams.metrics::render);
        assembly.own(metricsHttp);
      }
    } catch (IOException | RuntimeException e) {
      if (server != null) {
        server.shutdownNow();
        server = null;
      }
      assembly.close();
      assembly = null;
      throw e;
    }
    LOG.info(
        "gateway "
            + o.identity()
            + " for "
            + o.jurisdiction()
            + " serving on port "
            + server.getPort()
            + (metricsHttp == null
                ? ""
                : ", metrics on http://127.0.0.1:" + metricsHttp.port() + "/metrics"));
    return server.getPort();
  }

  /**
   * Re-reads the PKI's trust list now instead of at the next poll (an operator who has just
   * refreshed this gateway's bundle after a key rotation); returns the version in use.
   */
  public long reloadTrustList() {
    TrustListHolder t = assembly == null ? null : assembly.trustList();
    if (t == null) {
      throw new IllegalStateException("no trust list: not started from a PKI directory");
    }
    t.refresh();
    return t.inUse().version();
  }

  /**
   * Reflection v1alpha beside v1: grpcurl, Postman and older grpc_cli still ask v1alpha only.
   * grpc-java deprecates the class in favour of v1, not the protocol.
   */
  @SuppressWarnings("deprecation")
  private static BindableService reflectionV1alpha() {
    return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
  }

  /** The decision log in use (the audit log opened from the audit directory, or the one given). */
  public synchronized DecisionLog decisionLog() {
    return started().log();
  }

  /** The recognizer behind the service (for embedding callers that scan without gRPC). */
  public synchronized Recognizer recognizer() {
    return started().recognizer();
  }

  private GatewayAssembly started() {
    if (assembly == null) {
      throw new IllegalStateException("not started");
    }
    return assembly;
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
    return seams.metrics;
  }

  /** Graceful stop: NOT_SERVING, finish calls in flight (up to the grace period), then close. */
  public synchronized void stop() {
    if (server != null && !stopped) {
      stopped = true;
      health.stop();
      server.shutdown();
      try {
        if (!server.awaitTermination(
            seams.options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS)) {
          server.shutdownNow();
          server.awaitTermination(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        server.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    if (assembly != null) {
      assembly.close();
    }
    metricsHttp = null;
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

  /**
   * The options plus what tests replace. Required: a PKI directory in the options (its gateway
   * identity serves mTLS, its trust list verifies codes and node answers), an audit directory or a
   * decision log, peers or a status source. Without a PKI: an in-process server builder with its
   * own authentication, a code verifier and a status source.
   */
  public static final class Builder {
    final GatewayOptions options;
    ServerBuilder<?> serverBuilder;
    ServerInterceptor authentication;
    Clock clock = Clock.systemUTC();
    Clock trustClock = Clock.systemUTC();
    Supplier<PolicyBook> policies;
    DecisionLog log;
    CodeIdHasher hasher;
    EvidenceSealer sealer;
    StatusSource statusSource;
    CodeVerifier verifier;
    GatewayMetrics metrics = new GatewayMetrics();
    Executor streamExecutor;
    Path configFile;
    final List<BindableService> extraServices = new ArrayList<>();

    private Builder(GatewayOptions options) {
      this.options = Objects.requireNonNull(options, "options");
    }

    /**
     * The file the options were read from, watched: peers added to or removed from it apply without
     * a restart (checked every policy poll interval); other settings need one.
     */
    public Builder configFile(Path v) {
      this.configFile = Objects.requireNonNull(v, "configFile");
      return this;
    }

    /** The clock decisions are made at (scan time = clock.instant()); default: the system clock. */
    public Builder clock(Clock v) {
      this.clock = Objects.requireNonNull(v, "clock");
      return this;
    }

    /**
     * The wall clock that judges trust list and CRL expiry and times the CRL re-check (default: the
     * system clock; independent of {@link #clock}, which may be a drill clock).
     */
    public Builder trustClock(Clock v) {
      this.trustClock = Objects.requireNonNull(v, "trustClock");
      return this;
    }

    /** Use this server builder (e.g. in-process) instead of an mTLS one on the options' port. */
    public Builder serverBuilder(ServerBuilder<?> v) {
      this.serverBuilder = v;
      return this;
    }

    /**
     * Replaces mTLS authentication with this interceptor, which must set {@link CallerContext}
     * (in-process tests only: it bypasses the role table).
     */
    public Builder authentication(ServerInterceptor v) {
      this.authentication = v;
      return this;
    }

    /**
     * Policies to apply; default: the shipped ones. Ignored when the options name a policy
     * directory.
     */
    public Builder policies(Supplier<PolicyBook> v) {
      this.policies = v;
      return this;
    }

    /** Record decisions here instead of an audit log opened from the options' audit directory. */
    public Builder decisionLog(DecisionLog v) {
      this.log = v;
      return this;
    }

    /** HMAC key for code ids; default: loaded (or generated) from the options' key file. */
    public Builder hasher(CodeIdHasher v) {
      this.hasher = v;
      return this;
    }

    /**
     * Seals evidence for the auditors; default: to the key certified in the PKI ({@code
     * sealing/auditors.crt}).
     */
    public Builder evidenceSealer(EvidenceSealer v) {
      this.sealer = v;
      return this;
    }

    /** Where statuses come from; default: the issuers' nodes listed in the options' peers. */
    public Builder statusSource(StatusSource v) {
      this.statusSource = v;
      return this;
    }

    /** Replaces verification against the PKI's trust list. */
    public Builder codeVerifier(CodeVerifier v) {
      this.verifier = v;
      return this;
    }

    public Builder metrics(GatewayMetrics v) {
      this.metrics = Objects.requireNonNull(v, "metrics");
      return this;
    }

    /** Where RecognizeStream scans are decided; default: a pool of the options' stream threads. */
    public Builder streamExecutor(Executor v) {
      this.streamExecutor = v;
      return this;
    }

    /** Another service to serve beside RecognitionService. */
    public Builder addService(BindableService v) {
      this.extraServices.add(v);
      return this;
    }

    public GatewayServer build() {
      GatewayOptions o = options;
      if (statusSource == null && o.pkiDir().isEmpty()) {
        throw new IllegalStateException(
            "statusSource: missing (expected: a status source, or a PKI and peers)");
      }
      if (log == null && (o.auditDir().isEmpty() || o.pkiDir().isEmpty())) {
        throw new IllegalStateException(
            "auditDir: missing (expected: an audit directory and a PKI, or a decision log)");
      }
      if (o.pkiDir().isEmpty()
          && (serverBuilder == null || authentication == null || verifier == null)) {
        throw new IllegalStateException(
            "pki: missing (expected: a PKI directory, or an in-process "
                + "server builder with authentication and a code verifier)");
      }
      if (hasher == null && o.hmacKeyFile().isEmpty()) {
        throw new IllegalStateException(
            "hmacKeyFile: missing (expected: a key file path, a hasher or an audit directory)");
      }
      return new GatewayServer(this, o.pkiDir().map(PkiDirectory::open).orElse(null));
    }
  }
}
