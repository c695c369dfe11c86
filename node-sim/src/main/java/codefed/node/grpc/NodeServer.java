package codefed.node.grpc;

import codefed.node.NodeCore;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The node's composition root: {@code ProvinceNodeService} behind the authentication
 * interceptor (first on every call), the per-province write authority ({@link
 * ProvinceAuthority}) and the down switch; {@code NodeDrillService} only when drills are
 * enabled; the standard health service (NOT_SERVING while the node is taken down) and server
 * reflection; graceful stop.
 *
 * <p>It takes a {@link ServerBuilder} so tests can run it in-process; {@link #mtls} makes the
 * production builder (mutual TLS with the node's identity, client certificates required).
 */
public final class NodeServer {
  /** Largest request the node accepts; declarations and risk-area lists are far smaller. */
  public static final int MAX_INBOUND_MESSAGE_BYTES = 256 * 1024;
  private static final Duration GRACE = Duration.ofSeconds(5);
  private static final Logger LOG = Logger.getLogger(NodeServer.class.getName());

  private final NodeCore core;
  private final Server server;
  private final HealthStatusManager health = new HealthStatusManager();
  private final ScheduledExecutorService scheduler;
  private final boolean drills;

  /**
   * @param authentication the interceptor that authenticates callers, enforces {@link
   *     NodeRoles} and puts the caller in the context (an {@code AuthInterceptor} in production)
   * @param drills whether to expose {@code NodeDrillService}; a production node does not
   */
  public NodeServer(
      ServerBuilder<?> builder, NodeCore core, ServerInterceptor authentication, boolean drills) {
    this.core = core;
    this.drills = drills;
    this.scheduler = Executors.newScheduledThreadPool(2, daemonThreads("node-" + core.province()));
    ProvinceNodeGrpcService service = new ProvinceNodeGrpcService(core, scheduler);
    builder.addService(ServerInterceptors.intercept(service, new DownInterceptor(core.faults())));
    if (drills) {
      builder.addService(new NodeDrillGrpcService(core.faults()));
    }
    this.server = builder
        .addService(health.getHealthService())
        .addService(ProtoReflectionServiceV1.newInstance())
        // Server interceptors run in reverse order of addition: authentication first.
        .intercept(new ProvinceAuthority(core.province()))
        .intercept(authentication)
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
        .build();
    core.faults().onChange(settings -> setServing(!settings.down()));
  }

  /** The production server builder: mTLS with the identity {@code node/<province>}. */
  public static ServerBuilder<?> mtls(int port, PkiDirectory pki, String province) {
    return Grpc.newServerBuilderForPort(port, MtlsCredentials.server(pki, Role.NODE, province));
  }

  /** Starts serving and logs one line: province, port, codes loaded, drills. */
  public NodeServer start() throws IOException {
    server.start();
    setServing(!core.faults().isDown());
    LOG.info(() -> "node " + core.province() + " serving on port " + port() + ", "
        + core.book().size() + " codes loaded" + (drills ? ", drill service enabled" : ""));
    return this;
  }

  /** The bound port (-1 for an in-process server). */
  public int port() {
    return server.getPort();
  }

  /**
   * Stops gracefully: health goes NOT_SERVING, open change streams complete, in-flight calls
   * get a few seconds, then the rest are cancelled.
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
  }

  public void blockUntilShutdown() throws InterruptedException {
    server.awaitTermination();
  }

  private void setServing(boolean serving) {
    ServingStatus status = serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, status);
    health.setStatus(ProvinceNodeServiceGrpc.SERVICE_NAME, status);
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
