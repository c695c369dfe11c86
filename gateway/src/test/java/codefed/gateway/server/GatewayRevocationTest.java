package codefed.gateway.server;

import static codefed.gateway.testing.Assertions.found;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import codefed.gateway.config.GatewayOptions;
import codefed.gateway.testing.FakeDecisionLog;
import codefed.gateway.testing.FakeStatusSource;
import codefed.gateway.testing.RealCodes;
import codefed.gateway.testing.SharedPki;
import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.pki.Role;
import codefed.time.MutableClock;
import codefed.tls.MtlsCredentials;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.RecognizeStreamRequest;
import healthcode.federation.v1.RecognizeStreamResponse;
import healthcode.federation.v1.Scan;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint whose certificate is revoked while its channel to the gateway is open (real mTLS,
 * Netty on port 0): once the configured re-check interval has passed (a fake clock moves it), its
 * next scans on the SAME channel are refused and nothing is recorded for them.
 */
class GatewayRevocationTest {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();
  static final Duration RECHECK = Duration.ofSeconds(5);
  static final AtomicInteger NAMES = new AtomicInteger();

  @TempDir Path dir;
  final PkiDirectory pki = SharedPki.get();
  final RealCodes codes = new RealCodes(pki);
  final MutableClock clock = new MutableClock(MARCH_20);
  final MutableClock trustClock = new MutableClock(Instant.now());
  final FakeStatusSource status = new FakeStatusSource();
  final FakeDecisionLog log = new FakeDecisionLog();
  final String checkpoint = "checkpoint-revoked-" + NAMES.incrementAndGet();
  GatewayServer gateway;
  ManagedChannel channel;
  CodePayload code;

  @BeforeEach
  void start() throws Exception {
    new PkiInitializer(Clock.systemUTC())
        .issue(pki.root(), Role.CHECKPOINT, checkpoint, List.of(), false);
    gateway =
        GatewayServer.builder(
                GatewayOptions.builder("150000")
                    .pkiDir(pki.root())
                    .port(0)
                    .metricsPort(0)
                    .hmacKeyFile(dir.resolve("hmac.key"))
                    .revocationRecheck(RECHECK)
                    .build())
            .statusSource(status)
            .decisionLog(log)
            .clock(clock)
            .trustClock(trustClock)
            .build();
    gateway.start();
    channel = channel();
    code = codes.payload("140000", MARCH_20.minus(Duration.ofHours(72))).build();
    status.answer(found(code, MARCH_20, Color.COLOR_GREEN));
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    gateway.stop();
  }

  ManagedChannel channel() {
    return Grpc.newChannelBuilderForAddress(
            "localhost",
            gateway.port(),
            MtlsCredentials.client(
                pki, Role.CHECKPOINT, checkpoint, pki.spiffeId(Role.GATEWAY, "150000")))
        .build();
  }

  RecognizeRequest scan() {
    return RecognizeRequest.newBuilder()
        .setScan(
            Scan.newBuilder()
                .setQrText(codes.qr(code))
                .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC))
        .build();
  }

  StatusRuntimeException refusedScan(ManagedChannel ch) {
    return catchThrowableOfType(
        StatusRuntimeException.class,
        () ->
            RecognitionServiceGrpc.newBlockingStub(ch)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .recognize(scan()));
  }

  void revoke() {
    new PkiInitializer(Clock.systemUTC())
        .revoke(pki.root(), pki.certificate(Role.CHECKPOINT, checkpoint));
  }

  @Test
  void revokedCheckpoint_onItsOpenChannel_isRefusedWithinTheBound_andNothingIsRecorded() {
    var first =
        RecognitionServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .recognize(scan())
            .getDecision();
    assertThat(first.getOutcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(log.records()).hasSize(1);

    revoke();
    trustClock.advance(RECHECK);

    for (int i = 0; i < 3; i++) {
      StatusRuntimeException e = refusedScan(channel);
      assertThat(e).as("scan %d after revocation", i).isNotNull();
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(e.getStatus().getDescription()).isEqualTo("certificate revoked");
    }
    assertThat(channel.getState(false))
        .as("refused on the connection already open")
        .isEqualTo(ConnectivityState.READY);
    assertThat(log.records()).as("no decision recorded for a revoked checkpoint").hasSize(1);
    assertThat(status.calls()).hasSize(1);
    assertThat(gateway.metrics().securityEvents("", "refused_unauthenticated")).isEqualTo(3);
  }

  @Test
  void revokedCheckpoint_onANewConnection_isRefusedInTheHandshake_andCountedAsRevoked()
      throws Exception {
    revoke();

    StatusRuntimeException e = refusedScan(channel);

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(log.records()).isEmpty();
    // at least one: the channel may try again, and "localhost" may resolve to two addresses
    assertThat(gateway.metrics().trust().handshakeFailures("revoked")).isPositive();
    assertThat(gateway.metrics().render())
        .containsPattern("codefed_tls_handshake_failures_total\\{reason=\"revoked\"} [1-9]\\d*\n");
    assertThat(gateway.metrics().trust().handshakeFailures("unknown_ca")).isZero();
  }

  @Test
  void revokedCheckpoint_onAnOpenStream_getsNoFurtherDecision() throws Exception {
    LinkedBlockingQueue<RecognizeStreamResponse> answers = new LinkedBlockingQueue<>();
    CompletableFuture<Status> ended = new CompletableFuture<>();
    StreamObserver<RecognizeStreamRequest> requests =
        RecognitionServiceGrpc.newStub(channel)
            .recognizeStream(
                new StreamObserver<>() {
                  @Override
                  public void onNext(RecognizeStreamResponse r) {
                    answers.add(r);
                  }

                  @Override
                  public void onError(Throwable t) {
                    ended.complete(Status.fromThrowable(t));
                  }

                  @Override
                  public void onCompleted() {
                    ended.complete(Status.OK);
                  }
                });
    requests.onNext(
        RecognizeStreamRequest.newBuilder().setRequestId("1").setScan(scan().getScan()).build());
    assertThat(answers.poll(10, TimeUnit.SECONDS)).as("first answer").isNotNull();

    revoke();
    trustClock.advance(RECHECK);
    requests.onNext(
        RecognizeStreamRequest.newBuilder().setRequestId("2").setScan(scan().getScan()).build());

    Status end = ended.get(10, TimeUnit.SECONDS);
    assertThat(end.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(end.getDescription()).isEqualTo("certificate revoked");
    assertThat(answers).as("no answer for the scan after revocation").isEmpty();
    assertThat(log.records()).hasSize(1);
  }
}
