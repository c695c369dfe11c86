package codefed.cli.drill;

import codefed.gateway.config.GatewayOptions;
import codefed.gateway.metrics.GatewayMetrics;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.server.GatewayServer;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.time.MutableClock;
import codefed.tls.MtlsCredentials;
import healthcode.config.v1.FederationPeer;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.Scan;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/**
 * A real gateway for one jurisdiction in a drill (audit log, status source over mTLS to the drill's
 * nodes, the shipped policies, the drill clock) and a checkpoint's mTLS channel to it. The gateway
 * and the checkpoint each run from their own bundle; the checkpoint accepts only this gateway's
 * identity.
 */
public final class DrillGateway implements AutoCloseable {
  /**
   * Generous: a drill on a loaded CI machine must not mistake a slow first handshake for an outage.
   */
  static final Duration NODE_DEADLINE = Duration.ofSeconds(2);

  private final GatewayMetrics metrics = new GatewayMetrics();
  private final GatewayServer server;
  private final ManagedChannel checkpoint;
  private final RecognitionServiceGrpc.RecognitionServiceBlockingStub stub;

  DrillGateway(
      PkiDirectory pki,
      PkiDirectory checkpointPki,
      String jurisdiction,
      List<FederationPeer> peers,
      MutableClock clock,
      Path auditDir,
      Path hmacKeyFile,
      Path auditKeyDir,
      Path witnessStateDir)
      throws Exception {
    server =
        GatewayServer.builder(
                GatewayOptions.builder(jurisdiction)
                    .identity(jurisdiction)
                    .pkiDir(pki.root())
                    .port(0)
                    .auditDir(auditDir)
                    .auditKeyDir(auditKeyDir)
                    .witnessStateDirs(List.of(witnessStateDir))
                    .hmacKeyFile(hmacKeyFile)
                    .peers(peers)
                    .nodeDeadline(NODE_DEADLINE)
                    .checkpointRate(10_000, Duration.ofSeconds(1))
                    .build())
            .clock(clock)
            .policies(PolicyBook::shipped)
            .metrics(metrics)
            .build();
    server.start();
    try {
      checkpoint =
          Grpc.newChannelBuilderForAddress(
                  "localhost",
                  server.port(),
                  MtlsCredentials.client(
                      checkpointPki,
                      Role.CHECKPOINT,
                      checkpointPki.bundleOwner().orElseThrow().name(),
                      pki.spiffeId(Role.GATEWAY, jurisdiction)))
              .build();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    stub = RecognitionServiceGrpc.newBlockingStub(checkpoint);
  }

  public int port() {
    return server.port();
  }

  /** Makes the gateway load its (refreshed) bundle's trust list now; returns the version in use. */
  public long reloadTrustList() {
    return server.reloadTrustList();
  }

  /**
   * Makes the gateway sign a checkpoint of everything logged so far (before a witness pulls it).
   */
  public void checkpoint() throws Exception {
    ((codefed.gateway.audit.AuditLog) server.decisionLog()).checkpoint();
  }

  public GatewayMetrics metrics() {
    return metrics;
  }

  /** One scan, exactly as a checkpoint sends it. */
  public Decision scan(String qrText, CheckpointType type, OptionalDouble temperature) {
    Scan.Builder scan = Scan.newBuilder().setQrText(qrText).setCheckpointType(type);
    temperature.ifPresent(scan::setTemperatureCelsius);
    return stub.withDeadlineAfter(10, TimeUnit.SECONDS)
        .recognize(RecognizeRequest.newBuilder().setScan(scan).build())
        .getDecision();
  }

  /**
   * Waits (bounded) until the gateway has applied change {@code sequence} of {@code issuer}'s
   * change stream: the stream is asynchronous, and a drill that shows invalidation must wait.
   *
   * @return whether the change arrived in time
   */
  public boolean awaitStatusChange(String issuer, long sequence, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (metrics.statusSequence(issuer) < sequence) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  @Override
  public void close() {
    try {
      checkpoint.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
    }
  }
}
