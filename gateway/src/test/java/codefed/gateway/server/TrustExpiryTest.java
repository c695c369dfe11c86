package codefed.gateway.server;

import static codefed.gateway.testing.Assertions.found;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import codefed.gateway.config.GatewayOptions;
import codefed.gateway.testing.FakeDecisionLog;
import codefed.gateway.testing.FakeStatusSource;
import codefed.gateway.testing.RealCodes;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.time.MutableClock;
import codefed.tls.MtlsCredentials;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.Scan;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An expired trust list is treated the same at start and at runtime: used within its grace period
 * (with warnings and a negative expiry gauge), refused beyond it — no start, and no decision from a
 * running gateway (health NOT_SERVING). Time is a fake wall clock.
 */
class TrustExpiryTest {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();
  static final Duration GRACE = Duration.ofDays(7);

  @TempDir static Path pkiDir;
  @TempDir Path dir;
  static PkiDirectory pki;
  RealCodes codes;
  final FakeStatusSource status = new FakeStatusSource();
  final FakeDecisionLog log = new FakeDecisionLog();
  MutableClock trustClock;
  Instant nextUpdate;
  GatewayServer gateway;
  ManagedChannel channel;
  CodePayload code;

  /**
   * A PKI of its own whose CRL is re-signed a day after the trust list's next update (a CRL lives
   * 30 days, a trust list a year): what an authority that refreshes its CRL but forgot the trust
   * list leaves, so only the trust list is past its next update.
   */
  @BeforeAll
  static void pki() throws Exception {
    pki = codefed.pki.TestPki.create(pkiDir.resolve("pki"), "150000", "140000");
    Instant late = pki.trustList().nextUpdate().plus(Duration.ofDays(1));
    codefed.pki.PkiInitializer authority =
        new codefed.pki.PkiInitializer(java.time.Clock.fixed(late, java.time.ZoneOffset.UTC));
    Path unused =
        authority.issue(pki.root(), Role.CHECKPOINT, "retired-scanner", java.util.List.of(), false);
    authority.revoke(pki.root(), unused);
  }

  @BeforeEach
  void setUp() throws Exception {
    codes = new RealCodes(pki);
    nextUpdate = pki.trustList().nextUpdate();
    trustClock = new MutableClock(Instant.now());
    code = codes.payload("140000", MARCH_20.minus(Duration.ofHours(72))).build();
    status.answer(found(code, MARCH_20, Color.COLOR_GREEN));
  }

  @AfterEach
  void stop() {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (gateway != null) {
      gateway.stop();
    }
  }

  GatewayServer gateway() {
    return GatewayServer.builder(
            GatewayOptions.builder("150000")
                .pkiDir(pki.root())
                .port(0)
                .metricsPort(0)
                .hmacKeyFile(dir.resolve("hmac.key"))
                .expiry(GRACE, Duration.ofDays(14))
                .trustListPoll(Duration.ofMillis(50))
                .build())
        .statusSource(status)
        .decisionLog(log)
        .clock(new MutableClock(MARCH_20))
        .trustClock(trustClock)
        .build();
  }

  int startGateway() throws Exception {
    gateway = gateway();
    int port = gateway.start();
    channel =
        Grpc.newChannelBuilderForAddress(
                "localhost",
                port,
                MtlsCredentials.client(
                    pki, Role.CHECKPOINT, "checkpoint-1", pki.spiffeId(Role.GATEWAY, "150000")))
            .build();
    return port;
  }

  RecognizeRequest scan() {
    return RecognizeRequest.newBuilder()
        .setScan(
            Scan.newBuilder()
                .setQrText(codes.qr(code))
                .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC))
        .build();
  }

  ServingStatus health() {
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .check(
            HealthCheckRequest.newBuilder().setService(RecognitionServiceGrpc.SERVICE_NAME).build())
        .getStatus();
  }

  ServingStatus awaitHealth(ServingStatus expected) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    ServingStatus s = health();
    while (s != expected && System.nanoTime() < until) {
      Thread.onSpinWait();
      s = health();
    }
    return s;
  }

  @Test
  void atStart_withinGrace_servesAndWarnsThroughTheGauges() throws Exception {
    trustClock.set(nextUpdate.plus(Duration.ofDays(1)));
    startGateway();

    var d =
        RecognitionServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .recognize(scan())
            .getDecision();

    assertThat(d.getOutcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(health()).isEqualTo(ServingStatus.SERVING);
    String metrics = gateway.metrics().render();
    assertThat(metrics).contains("# TYPE codefed_trust_list_expires_seconds gauge");
    assertThat(metrics).containsPattern("(?m)^codefed_trust_list_expires_seconds -8640\\d$");
    assertThat(metrics).containsPattern("(?m)^codefed_crl_expires_seconds -?\\d+$");
  }

  @Test
  void atStart_beyondGrace_refusesToStart() {
    trustClock.set(nextUpdate.plus(GRACE).plusSeconds(1));
    gateway = gateway();

    assertThatThrownBy(gateway::start)
        .isInstanceOf(GatewayStartException.class)
        .hasMessageContaining("trust_list.next_update");
    assertThat(log.records()).isEmpty();
  }

  @Test
  void atRuntime_beyondGrace_noDecision_andHealthNotServing() throws Exception {
    startGateway();
    assertThat(
            RecognitionServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .recognize(scan())
                .getDecision()
                .getOutcome())
        .isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(gateway.metrics().render())
        .containsPattern("(?m)^codefed_trust_list_expires_seconds [1-9]\\d+$");

    trustClock.set(nextUpdate.plus(Duration.ofDays(1)));
    assertThat(
            RecognitionServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .recognize(scan())
                .getDecision()
                .getOutcome())
        .as("within grace: as at start")
        .isEqualTo(Outcome.OUTCOME_PASS);

    trustClock.set(nextUpdate.plus(GRACE).plusSeconds(1));
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                RecognitionServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .recognize(scan()));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(e.getStatus().getDescription()).contains("trust list expired");
    assertThat(log.records()).as("no decision with an expired trust list").hasSize(2);
    assertThat(status.calls()).hasSize(2);
    assertThat(awaitHealth(ServingStatus.NOT_SERVING)).isEqualTo(ServingStatus.NOT_SERVING);
  }
}
