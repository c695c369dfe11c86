package codefed.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.config.GatewayConfigLoader;
import codefed.gateway.recognition.Timestamps;
import codefed.gateway.testing.RealCodes;
import codefed.gateway.testing.SharedPki;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.time.MutableClock;
import codefed.tls.MtlsCredentials;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.AuditServiceGrpc;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.ColorSnapshot;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.ListRecordsRequest;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.Scan;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as {@code codefed gateway --config FILE} runs it: configuration file, real audit log,
 * the federated status source (here towards a node that is down), mTLS for checkpoints and
 * auditors.
 */
class GatewayFromConfigTest {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();

  @TempDir Path dir;
  final PkiDirectory pki = SharedPki.get();
  final RealCodes codes = new RealCodes(pki);
  GatewayServer gateway;
  final List<ManagedChannel> channels = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    Path config = dir.resolve("gateway.textproto");
    Files.writeString(
        config,
        """
        jurisdiction: "150000"
        port: 0
        pki_dir: "%s"
        audit_dir: "var/audit"
        metrics_port: -1
        node_deadline: "PT0.2S"
        peers {
          issuer: "140000"
          addresses: "127.0.0.1:%d"
          expected_identity: "spiffe://test.codefed/node/140000"
        }
        """
            .formatted(pki.root(), deadPort));
    gateway =
        GatewayServer.builder(GatewayConfigLoader.load(config))
            .clock(new MutableClock(MARCH_20))
            .build();
    gateway.start();
  }

  @AfterEach
  void stop() {
    channels.forEach(ManagedChannel::shutdownNow);
    gateway.stop();
  }

  ManagedChannel channel(Role role, String name) {
    ManagedChannel ch =
        Grpc.newChannelBuilderForAddress(
                "localhost",
                gateway.port(),
                MtlsCredentials.client(pki, role, name, pki.spiffeId(Role.GATEWAY, "150000")))
            .build();
    channels.add(ch);
    return ch;
  }

  Decision scan(CodePayload code) {
    return RecognitionServiceGrpc.newBlockingStub(channel(Role.CHECKPOINT, "checkpoint-1"))
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
  void recognize_issuerNodeDown_decidesFromAFreshSnapshotOrAsksForAManualCheck() {
    CodePayload bare = codes.payload("140000", MARCH_20.minus(Duration.ofHours(72))).build();
    CodePayload withSnapshot =
        codes
            .payload("140000", MARCH_20.minus(Duration.ofHours(72)))
            .setColorSnapshot(
                ColorSnapshot.newBuilder()
                    .setColor(Color.COLOR_GREEN)
                    .setAsOf(Timestamps.of(MARCH_20.minus(Duration.ofMinutes(3)))))
            .build();

    Decision manual = scan(bare);
    Decision offline = scan(withSnapshot);

    assertThat(manual.getOutcome()).isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
    assertThat(offline.getOutcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(offline.getOffline()).isTrue();
    assertThat(offline.getAuditSequence()).isEqualTo(1);
  }

  @Test
  void auditor_readsTheRecordsOfTheLogTheGatewayWrote() throws Exception {
    scan(codes.payload("420000", MARCH_20.minus(Duration.ofHours(72))).build());

    var records = new ArrayList<AuditRecord>();
    AuditServiceGrpc.newBlockingStub(channel(Role.AUDITOR, "auditor-1"))
        .withDeadlineAfter(20, TimeUnit.SECONDS)
        .listRecords(ListRecordsRequest.newBuilder().setFromSequence(0).build())
        .forEachRemaining(
            r -> {
              try {
                records.add(AuditRecord.parseFrom(r.getRecord()));
              } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new AssertionError(e);
              }
            });

    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getOutcome()).isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
              assertThat(r.getCheckpointId()).isEqualTo("checkpoint-1");
              assertThat(r.getPolicyVersion()).isEqualTo("150000@2020-03-19T00:00+08:00");
            });
    Path key = dir.resolve("var/hmac.key");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  @Test
  void auditService_isClosedToCheckpoints() {
    assertThatThrownBy(
            () ->
                AuditServiceGrpc.newBlockingStub(channel(Role.CHECKPOINT, "checkpoint-1"))
                    .withDeadlineAfter(20, TimeUnit.SECONDS)
                    .listRecords(ListRecordsRequest.getDefaultInstance())
                    .hasNext())
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getCode())
                    .isEqualTo(io.grpc.Status.Code.PERMISSION_DENIED));
  }
}
