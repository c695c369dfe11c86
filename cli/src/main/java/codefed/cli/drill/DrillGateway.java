package codefed.cli.drill;

import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.CheckpointSignatures;
import codefed.gateway.metrics.GatewayMetrics;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.server.GatewayServer;
import codefed.gateway.status.FederatedStatusSource;
import codefed.gateway.status.StatusListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.FederationPeer;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.Scan;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway for one jurisdiction in a drill: audit log, status source over mTLS to the
 * drill's nodes, the shipped policies, the drill clock; and a checkpoint's mTLS channel to it.
 */
public final class DrillGateway implements AutoCloseable {
  private final List<AutoCloseable> owned = new ArrayList<>();
  private final GatewayServer server;
  private final ManagedChannel checkpoint;
  private final RecognitionServiceGrpc.RecognitionServiceBlockingStub stub;
  private GatewayMetrics metrics;
  private final Map<String, Long> lastSequence = new ConcurrentHashMap<>();

  DrillGateway(
      PkiDirectory pki, String jurisdiction, List<FederationPeer> peers, MutableClock clock,
      Path auditDir, Path hmacKeyFile, String checkpointName) throws Exception {
    try {
      AuditLog log =
          AuditLog.open(
              auditDir,
              AuditLogOptions.defaults(jurisdiction, CheckpointSignatures.gatewaySigner(pki, jurisdiction))
                  .withClock(clock));
      owned.add(log);
      metrics = new GatewayMetrics();
      FederatedStatusSource status =
          FederatedStatusSource.builder()
              .pki(pki)
              .gatewayName(jurisdiction)
              .peers(peers)
              .trustList(pki.trustList())
              .clock(clock)
              .nodeDeadline(Duration.ofSeconds(2))
              .listener(new SequenceTracker(metrics, lastSequence))
              .build();
      status.start();
      owned.add(status);
      server =
          GatewayServer.builder()
              .jurisdiction(jurisdiction)
              .identity(jurisdiction)
              .pki(pki)
              .port(0)
              .clock(clock)
              .policies(PolicyBook::shipped)
              .decisionLog(log)
              .hmacKeyFile(hmacKeyFile)
              .statusSource(status)
              .metrics(metrics)
              .rateLimit(10_000, Duration.ofSeconds(1))
              .build();
      server.start();
      owned.add(0, server);
      checkpoint =
          Grpc.newChannelBuilderForAddress(
                  "localhost", server.port(), MtlsCredentials.client(pki, Role.CHECKPOINT, checkpointName))
              .build();
      owned.add(0, () -> checkpoint.shutdownNow().awaitTermination(5, TimeUnit.SECONDS));
      stub = RecognitionServiceGrpc.newBlockingStub(checkpoint);
    } catch (Exception e) {
      close();
      throw e;
    }
  }

  public int port() {
    return server.port();
  }

  public GatewayServer server() {
    return server;
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  /**
   * Waits (bounded) until the gateway has applied change {@code sequence} of {@code issuer}'s
   * change stream: the stream is asynchronous, and a drill that shows invalidation must wait.
   *
   * @return whether the change arrived in time
   */
  public boolean awaitStatusChange(String issuer, long sequence, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (lastSequence.getOrDefault(issuer, 0L) < sequence) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /** Metrics, plus the last change-stream sequence applied per issuer. */
  private record SequenceTracker(GatewayMetrics metrics, Map<String, Long> last) implements StatusListener {
    @Override
    public void nodeCall(String issuer, long nanos, String outcome) {
      metrics.nodeCall(issuer, nanos, outcome);
    }

    @Override
    public void cacheHit(String issuer) {
      metrics.cacheHit(issuer);
    }

    @Override
    public void cacheMiss(String issuer) {
      metrics.cacheMiss(issuer);
    }

    @Override
    public void circuitState(String issuer, String state) {
      metrics.circuitState(issuer, state);
    }

    @Override
    public void securityEvent(String issuer, String kind) {
      metrics.securityEvent(issuer, kind);
    }

    @Override
    public void statusChanged(String issuer, long sequence) {
      metrics.statusChanged(issuer, sequence);
      last.merge(issuer, sequence, Math::max);
    }
  }

  /** One scan, exactly as a checkpoint sends it. */
  public Decision scan(String qrText, CheckpointType type, OptionalDouble temperature) {
    Scan.Builder scan = Scan.newBuilder().setQrText(qrText).setCheckpointType(type);
    temperature.ifPresent(scan::setTemperatureCelsius);
    return stub.withDeadlineAfter(10, TimeUnit.SECONDS)
        .recognize(RecognizeRequest.newBuilder().setScan(scan).build())
        .getDecision();
  }

  @Override
  public void close() {
    for (AutoCloseable c : owned) {
      try {
        c.close();
      } catch (Exception e) {
        // keep closing the rest; a drill gateway has nothing left to lose
      }
    }
    owned.clear();
  }
}
