package codefed.gateway.server;

import static codefed.gateway.testing.Assertions.found;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.FaultyDisk;
import codefed.gateway.audit.TestKeys;
import codefed.gateway.audit.seal.TestSealKeys;
import codefed.gateway.config.GatewayOptions;
import codefed.gateway.recognition.CodeIdHasher;
import codefed.gateway.testing.FakeCodes;
import codefed.gateway.testing.FakeStatusSource;
import codefed.gateway.testing.Poll;
import codefed.gateway.testing.TestCallers;
import codefed.time.MutableClock;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.Scan;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failed or hung audit disk is visible: scans get UNAVAILABLE within the durability bound (never
 * a decision without a record), grpc.health.v1 turns NOT_SERVING for the gateway and the
 * recognition service, and {@code codefed_audit_writer_up} drops to 0.
 */
class AuditWriterHealthTest {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();
  static final Duration BOUND = Duration.ofMillis(300);

  @TempDir Path dir;
  final MutableClock clock = new MutableClock(MARCH_20);
  final FakeCodes codes = new FakeCodes();
  final FakeStatusSource status = new FakeStatusSource();
  final FaultyDisk disk = new FaultyDisk();
  AuditLog log;
  GatewayServer gateway;
  ManagedChannel channel;
  RecognitionServiceGrpc.RecognitionServiceBlockingStub stub;
  HealthGrpc.HealthBlockingStub health;

  @BeforeEach
  void start() throws Exception {
    log =
        disk.open(
            dir,
            AuditLogOptions.defaults("gateway-150000", TestKeys.signer(TestKeys.p256()))
                .withClock(clock)
                .withDurabilityTimeout(BOUND));
    String name = InProcessServerBuilder.generateName();
    gateway =
        GatewayServer.builder(GatewayOptions.builder("150000").identity("gateway-150000").build())
            .serverBuilder(InProcessServerBuilder.forName(name).directExecutor())
            .authentication(new TestCallers())
            .codeVerifier(codes)
            .statusSource(status)
            .decisionLog(log)
            .hasher(new CodeIdHasher(new byte[32]))
            .evidenceSealer(TestSealKeys.SEALER)
            .clock(clock)
            .build();
    gateway.start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    stub = RecognitionServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    disk.releaseSyncs();
    channel.shutdownNow();
    gateway.stop();
    log.close();
  }

  private RecognizeRequest greenScan() {
    String qr = codes.issue("140000", MARCH_20.minus(Duration.ofHours(72)));
    status.answer(found(codes.payload(qr), MARCH_20, Color.COLOR_GREEN));
    return RecognizeRequest.newBuilder()
        .setScan(
            Scan.newBuilder()
                .setQrText(qr)
                .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
                .setTemperatureCelsius(36.5))
        .build();
  }

  private ServingStatus health(String service) {
    return health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
  }

  private boolean notServing() {
    return health("") == ServingStatus.NOT_SERVING
        && health(RecognitionServiceGrpc.SERVICE_NAME) == ServingStatus.NOT_SERVING;
  }

  @Test
  void scan_fsyncFails_unavailable_healthNotServing_noDecisionWithoutRecord() {
    assertThat(stub.recognize(greenScan()).getDecision().getAuditSequence()).isZero();
    assertThat(health("")).isEqualTo(ServingStatus.SERVING);
    assertThat(gateway.metrics().auditWriterUp()).isEqualTo(1);

    disk.failSyncs();

    assertThatThrownBy(() -> stub.recognize(greenScan()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
              assertThat(e.getStatus().getDescription()).contains("audit log cannot record");
            });
    Poll.until("health NOT_SERVING", Duration.ofSeconds(5), this::notServing);
    assertThat(gateway.metrics().auditWriterUp()).isZero();
    assertThat(gateway.metrics().auditWriteFailures()).isEqualTo(1);
    assertThat(gateway.metrics().render())
        .contains("codefed_audit_writer_up 0\n", "codefed_audit_fsync_failures_total 1\n");
    // Later scans are refused at once, and nothing was recorded or counted as decided.
    assertThatThrownBy(() -> stub.recognize(greenScan()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThat(log.size()).isEqualTo(1);
    assertThat(gateway.metrics().decisions("PASS", "140000")).isEqualTo(1);
  }

  @Test
  void scan_fsyncHangs_unavailableWithinTheBound_healthBackWhenTheDiskMoves() {
    disk.holdSyncs();

    long start = System.nanoTime();
    assertThatThrownBy(() -> stub.recognize(greenScan()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    Poll.until("health NOT_SERVING", Duration.ofSeconds(5), this::notServing);
    assertThat(gateway.metrics().auditWriterUp()).isZero();
    assertThat(gateway.metrics().auditWriteFailures()).as("stuck, not failed").isZero();
    assertThat(gateway.metrics().decisions("PASS", "140000")).as("no decision given").isZero();

    disk.releaseSyncs();

    Poll.until(
        "health SERVING",
        Duration.ofSeconds(5),
        () ->
            health("") == ServingStatus.SERVING
                && health(RecognitionServiceGrpc.SERVICE_NAME) == ServingStatus.SERVING);
    assertThat(gateway.metrics().auditWriterUp()).isEqualTo(1);
    // The refused scan's record did become durable: it holds sequence 0 without a receipt given.
    assertThat(log.size()).isEqualTo(1);
    assertThat(stub.recognize(greenScan()).getDecision().getAuditSequence()).isEqualTo(1);
  }
}
