package codefed.node.grpc;

import codefed.node.NodeCore;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.rpc.status.StatusExceptionInterceptor;
import codefed.threads.DaemonThreads;
import codefed.threads.TransportThreadCalls;
import codefed.tls.CrlCache;
import codefed.tls.HandshakeDiagnostics;
import codefed.tls.MtlsCredentials;
import healthcode.federation.v1.NodeDrillServiceGrpc;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import io.grpc.Grpc;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The node's composition root: {@code ProvinceNodeService} behind the authentication interceptor
 * (first on every call), the per-province write authority ({@link ProvinceAuthority}) and the down
 * switch; {@code NodeDrillService} only when drills are enabled; the standard health service
 * (NOT_SERVING while the node is taken down) and server reflection; graceful stop.
 *
 * <p>It takes a {@link ServerBuilder} so tests can run it in-process; {@link #mtls} makes the
 * production builder (mutual TLS with the node's identity, client certificates required).
 */
public final class NodeServer {
  /** Largest request the node accepts; declarations and risk-area lists are far smaller. */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 256 * 1024;

  private static final Duration GRACE = Duration.ofSeconds(5);

  /** How often an idle change stream sends a heartbeat (gateways allow 3× this of silence). */
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

  /**
   * Gateways ping their node connections (HTTP/2 keepalive) to find half-open ones; pings as often
   * as this are welcome, more frequent ones are answered with GOAWAY as gRPC prescribes.
   */
  public static final Duration PERMIT_KEEPALIVE = Duration.ofSeconds(10);

  /** Longest life of a client connection before the node asks the client to reconnect. */
  public static final Duration MAX_CONNECTION_AGE = Duration.ofMinutes(30);

  /** Time calls in flight (change streams too) get after that before the connection is cut. */
  public static final Duration MAX_CONNECTION_AGE_GRACE = Duration.ofMinutes(1);

  private static final Logger LOG = Logger.getLogger(NodeServer.class.getName());

  private final NodeCore core;
  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final ScheduledExecutorService scheduler;

  /** Calls that may block: every call but VerifyCode ({@link TransportThreadCalls}). */
  private final ExecutorService calls;

  private final boolean drills;

  /**
   * @param authentication the interceptor that authenticates callers, enforces {@link NodeRoles}
   *     and puts the caller in the context (an {@code AuthInterceptor} in production)
   * @param drills whether to expose {@code NodeDrillService}; a production node does not
   */
  public NodeServer(ServerBuilder<?> builder, NodeCore core, ServerInterceptor authentication) {
    this(builder, core, authentication, DEFAULT_HEARTBEAT, false);
  }

  /**
   * @param heartbeat how often an idle change stream sends a heartbeat item
   * @param drills whether to expose {@code NodeDrillService} (drills and tests only)
   */
  public NodeServer(
      ServerBuilder<?> builder,
      NodeCore core,
      ServerInterceptor authentication,
      Duration heartbeat,
      boolean drills) {
    if (heartbeat.isNegative() || heartbeat.isZero()) {
      throw new IllegalArgumentException("heartbeat: " + heartbeat + " (expected: > 0)");
    }
    this.core = core;
    this.drills = drills;
    this.scheduler = Executors.newScheduledThreadPool(2, daemonThreads("node-" + core.province()));
    ProvinceNodeGrpcService service = new ProvinceNodeGrpcService(core, scheduler, heartbeat);
    builder.addService(ServerInterceptors.intercept(service, new DownInterceptor(core.faults())));
    if (drills) {
      builder.addService(new NodeDrillGrpcService(core.faults()));
    }
    this.calls = Executors.newCachedThreadPool(daemonThreads("node-" + core.province() + "-call"));
    this.server =
        builder
            // A gateway's VerifyCode runs on the transport thread that read it: it only looks the
            // code up and queues the answer for its batch's signature (or signs it, ≈ 20 µs).
            .directExecutor()
            .callExecutor(
                TransportThreadCalls.only(calls, ProvinceNodeServiceGrpc.getVerifyCodeMethod()))
            .addService(health.getHealthService())
            .addService(ProtoReflectionServiceV1.newInstance())
            .addService(reflectionV1alpha())
            // Server interceptors run in reverse order of addition: authentication first, status
            // mapping last, next to the services.
            .intercept(new StatusExceptionInterceptor(NodeStatusMapper.MAPPER))
            .intercept(new ProvinceAuthority(core.province()))
            .intercept(authentication)
            .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
            .build();
    core.faults().onChange(settings -> setServing(!settings.down()));
  }

  /**
   * The production server builder: mTLS with the identity {@code node/<province>}, accepting the
   * gateways' keepalive pings (see {@link #PERMIT_KEEPALIVE}).
   */
  public static ServerBuilder<?> mtls(int port, PkiDirectory pki, String province) {
    return mtls(port, pki, province, CrlCache.open(pki));
  }

  /**
   * As {@link #mtls(int, PkiDirectory, String)} with the CRL cache the node's authentication also
   * checks every call against. Connections live at most {@link #MAX_CONNECTION_AGE} (then {@link
   * #MAX_CONNECTION_AGE_GRACE} for calls in flight), so every peer is re-validated in a fresh
   * handshake at least that often, whatever else it holds open. Gateways' keepalive pings are
   * welcome every {@link #PERMIT_KEEPALIVE}.
   */
  public static ServerBuilder<?> mtls(int port, PkiDirectory pki, String province, CrlCache crl) {
    return Grpc.newServerBuilderForPort(
            port,
            MtlsCredentials.server(pki, Role.NODE, province, crl, HandshakeDiagnostics.LOG_ONLY))
        .maxConnectionAge(MAX_CONNECTION_AGE.toMillis(), TimeUnit.MILLISECONDS)
        .maxConnectionAgeGrace(MAX_CONNECTION_AGE_GRACE.toMillis(), TimeUnit.MILLISECONDS)
        .permitKeepAliveTime(PERMIT_KEEPALIVE.toNanos(), TimeUnit.NANOSECONDS)
        .permitKeepAliveWithoutCalls(true);
  }

  /** Starts serving and logs one line: province, port, codes loaded, drills. */
  public NodeServer start() throws IOException {
    server.start();
    setServing(!core.faults().isDown());
    LOG.info(
        () ->
            "node "
                + core.province()
                + " serving on port "
                + port()
                + ", "
                + core.book().size()
                + " codes loaded"
                + (drills ? ", drill service enabled" : ""));
    return this;
  }

  /** The bound port (-1 for an in-process server). */
  public int port() {
    return server.getPort();
  }

  /**
   * Stops gracefully: health goes NOT_SERVING, open change streams complete, in-flight calls get a
   * few seconds, then the rest are cancelled.
   */
  public void stop() throws InterruptedException {
    health.enterTerminalState();
    core.book().feed().close();
    server.shutdown();
    if (!server.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
      server.shutdownNow();
      server.awaitTermination(GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
    scheduler.shutdownNow();
    calls.shutdownNow();
  }

  public void blockUntilShutdown() throws InterruptedException {
    server.awaitTermination();
  }

  private void setServing(boolean serving) {
    ServingStatus status = serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
    health.setStatus(ProvinceNodeServiceGrpc.SERVICE_NAME, status);
    if (drills) {
      // Drills run on a node taken down (that is what they are for): always serving.
      health.setStatus(NodeDrillServiceGrpc.SERVICE_NAME, ServingStatus.SERVING);
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

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    return DaemonThreads.numbered(prefix);
  }
}
