package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.config.GatewayConfigLoader;
import codefed.gateway.server.GatewayServer;
import codefed.gateway.testing.RealCodes;
import codefed.gateway.testing.SharedPki;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.time.MutableClock;
import codefed.tls.MtlsCredentials;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.Scan;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerTransportFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A province joins and leaves a running federation by an edit of the gateway's configuration file
 * (real mTLS to a node on port 0, no restart): the added peer answers the next scan of its codes;
 * once removed it is not called again and its codes take the unreachable path.
 */
class PeersFromConfigFileTest {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();

  @TempDir Path dir;
  final PkiDirectory pki = SharedPki.get();
  final RealCodes codes = new RealCodes(pki);
  final MutableClock clock = new MutableClock(MARCH_20);
  final FakeNode node = new FakeNode("140000", new TestSigning(), clock);
  Path config;
  final CountDownLatch closedConnections = new CountDownLatch(1);
  Server nodeServer;
  GatewayServer gateway;
  ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    nodeServer =
        Grpc.newServerBuilderForPort(0, MtlsCredentials.server(pki, Role.NODE, "140000"))
            .addService(node)
            .addTransportFilter(
                new ServerTransportFilter() {
                  @Override
                  public void transportTerminated(Attributes transportAttrs) {
                    closedConnections.countDown();
                  }
                })
            .build()
            .start();
    config = dir.resolve("gateway.textproto");
    writeConfig(false);
    gateway =
        GatewayServer.builder(GatewayConfigLoader.load(config))
            .configFile(config)
            .clock(clock)
            .build();
    int port = gateway.start();
    channel =
        Grpc.newChannelBuilderForAddress(
                "localhost",
                port,
                MtlsCredentials.client(
                    pki, Role.CHECKPOINT, "checkpoint-1", pki.spiffeId(Role.GATEWAY, "150000")))
            .build();
  }

  @AfterEach
  void stop() throws InterruptedException {
    channel.shutdownNow();
    gateway.stop();
    nodeServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  void writeConfig(boolean withPeer) throws Exception {
    String peer =
        withPeer
            ? """
        peers {
          issuer: "140000"
          addresses: "localhost:%d"
          expected_identity: "spiffe://test.codefed/node/140000"
        }
        """
                .formatted(nodeServer.getPort())
            : "";
    Files.writeString(
        config,
        """
        jurisdiction: "150000"
        port: 0
        pki_dir: "%s"
        audit_dir: "var/audit"
        metrics_port: -1
        node_deadline: "PT5S"
        policy_poll_interval: "PT0.05S"
        """
                .formatted(pki.root())
            + peer);
  }

  Decision scan(CodePayload code) {
    return RecognitionServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .recognize(
            RecognizeRequest.newBuilder()
                .setScan(
                    Scan.newBuilder()
                        .setQrText(codes.qr(code))
                        .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC))
                .build())
        .getDecision();
  }

  @Test
  void peerAddedAtRuntime_answersTheNextScan_andOnceRemovedIsNotCalledAgain() throws Exception {
    CodePayload code = codes.payload("140000", MARCH_20.minus(Duration.ofHours(72))).build();
    assertThat(scan(code).getOutcome())
        .as("no peer for 140000 yet")
        .isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
    assertThat(node.verifyCalls).hasValue(0);

    writeConfig(true);
    assertThat(node.watchRequests.poll(10, TimeUnit.SECONDS))
        .as("the new peer's change stream opened")
        .isNotNull();

    Decision joined = scan(code);
    assertThat(joined.getOutcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(joined.getOffline()).isFalse();
    assertThat(node.verifyCalls).hasValue(1);

    writeConfig(false);
    assertThat(closedConnections.await(10, TimeUnit.SECONDS))
        .as("the removed peer's connection closed")
        .isTrue();

    Decision left = scan(code);
    assertThat(left.getOutcome())
        .as("the removed peer's codes take the unreachable path")
        .isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
    assertThat(node.verifyCalls).as("the removed peer is not called").hasValue(1);
  }
}
