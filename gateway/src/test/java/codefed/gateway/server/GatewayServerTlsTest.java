package codefed.gateway.server;

import static codefed.gateway.testing.Assertions.found;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.config.GatewayOptions;
import codefed.gateway.testing.FakeDecisionLog;
import codefed.gateway.testing.FakeStatusSource;
import codefed.gateway.testing.RealCodes;
import codefed.gateway.testing.SharedPki;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.time.MutableClock;
import codefed.tls.MtlsCredentials;
import codefed.tls.ReflectionProbe;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.Scan;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway over real mTLS (Netty, port 0) with the project's PKI and trust list. */
class GatewayServerTlsTest {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();

  @TempDir Path dir;
  final PkiDirectory pki = SharedPki.get();
  final RealCodes codes = new RealCodes(pki);
  final MutableClock clock = new MutableClock(MARCH_20);
  final FakeStatusSource status = new FakeStatusSource();
  final FakeDecisionLog log = new FakeDecisionLog();
  GatewayServer gateway;
  int port;

  @BeforeEach
  void start() throws Exception {
    gateway =
        GatewayServer.builder(
                GatewayOptions.builder("150000")
                    .pkiDir(pki.root())
                    .port(0)
                    .metricsPort(0)
                    .hmacKeyFile(dir.resolve("hmac.key"))
                    .build())
            .statusSource(status)
            .decisionLog(log)
            .clock(clock)
            .build();
    port = gateway.start();
  }

  @AfterEach
  void stop() {
    gateway.stop();
  }

  ManagedChannel channel(Role role, String name) {
    return Grpc.newChannelBuilderForAddress(
            "localhost",
            port,
            MtlsCredentials.client(pki, role, name, pki.spiffeId(Role.GATEWAY, "150000")))
        .build();
  }

  static com.google.rpc.ErrorInfo unpackErrorInfo(StatusRuntimeException e) {
    try {
      return io.grpc.protobuf.StatusProto.fromThrowable(e)
          .getDetails(0)
          .unpack(com.google.rpc.ErrorInfo.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException x) {
      throw new AssertionError(x);
    }
  }

  static RecognizeRequest scan(String qr) {
    return RecognizeRequest.newBuilder()
        .setScan(
            Scan.newBuilder()
                .setQrText(qr)
                .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
                .setTemperatureCelsius(36.5))
        .build();
  }

  <T> T withChannel(Role role, String name, java.util.function.Function<ManagedChannel, T> call) {
    ManagedChannel ch = channel(role, name);
    try {
      return call.apply(ch);
    } finally {
      ch.shutdownNow();
    }
  }

  @Test
  void recognize_checkpointOverMtls_getsADecisionRecordedUnderItsCertificateName() {
    CodePayload code = codes.payload("140000", MARCH_20.minus(Duration.ofHours(72))).build();
    status.answer(found(code, MARCH_20, Color.COLOR_GREEN));

    var d =
        withChannel(
            Role.CHECKPOINT,
            "checkpoint-1",
            ch ->
                RecognitionServiceGrpc.newBlockingStub(ch)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .recognize(scan(codes.qr(code)))
                    .getDecision());

    assertThat(d.getOutcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(log.last().getCheckpointId()).isEqualTo("checkpoint-1");
    assertThat(log.last().getCodeIdHmac()).isNotEmpty();
    assertThat(Files.exists(dir.resolve("hmac.key"))).isTrue();
  }

  @Test
  void unaryScans_areDecidedOnTheTransportThread_notHandedToTheCallPool() {
    CodePayload code = codes.payload("140000", MARCH_20.minus(Duration.ofHours(72))).build();
    status.answer(found(code, MARCH_20, Color.COLOR_GREEN));
    withChannel(
        Role.CHECKPOINT,
        "checkpoint-1",
        ch -> {
          var stub = RecognitionServiceGrpc.newBlockingStub(ch);
          for (int i = 0; i < 20; i++) {
            stub.withDeadlineAfter(10, TimeUnit.SECONDS).recognize(scan(codes.qr(code)));
          }
          return null;
        });

    // gRPC looks a method up on the server's own executor before it asks where the call runs;
    // were that the pool, the scans read with their headers would be decided there.
    assertThat(log.appendThreads())
        .hasSize(20)
        .allSatisfy(name -> assertThat(name).startsWith("grpc-default-worker"));
  }

  @Test
  void recognize_tamperedCode_isRejectedWithoutCallingANode() {
    var code = codes.sign(codes.payload("140000", MARCH_20.minus(Duration.ofHours(72))).build());

    var d =
        withChannel(
            Role.CHECKPOINT,
            "checkpoint-1",
            ch ->
                RecognitionServiceGrpc.newBlockingStub(ch)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .recognize(scan(RealCodes.tamperSignature(code)))
                    .getDecision());

    assertThat(d.getOutcome()).isEqualTo(Outcome.OUTCOME_REJECT);
    assertThat(status.calls()).isEmpty();
    assertThat(log.last().getCode().getRejection()).startsWith("BAD_SIGNATURE");
  }

  @Test
  void
      recognize_whenTheAuditLogCannotRecord_isUnavailableWithItsReason_andNeitherCauseNorStackTrace()
          throws Exception {
    CodePayload code = codes.payload("140000", MARCH_20.minus(Duration.ofHours(72))).build();
    status.answer(found(code, MARCH_20, Color.COLOR_GREEN));
    log.failing(true);

    StatusRuntimeException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                withChannel(
                    Role.CHECKPOINT,
                    "checkpoint-1",
                    ch ->
                        RecognitionServiceGrpc.newBlockingStub(ch)
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .recognize(scan(codes.qr(code)))));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(e.getStatus().getDescription())
        .isEqualTo("audit log cannot record: no decision without a record");
    com.google.rpc.ErrorInfo info =
        io.grpc.protobuf.StatusProto.fromThrowable(e)
            .getDetails(0)
            .unpack(com.google.rpc.ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("AUDIT_LOG_UNAVAILABLE");
    assertThat(info.getDomain()).isEqualTo("codefed");
    assertThat(e.getTrailers().toString()).doesNotContain("disk full").doesNotContain("Exception");
    assertThat(log.records()).as("nothing recorded").isEmpty();
  }

  @Test
  void recognize_temperatureOutOfRange_isInvalidArgumentNamingTheField_andNoNodeIsCalled()
      throws Exception {
    RecognizeRequest bad =
        RecognizeRequest.newBuilder()
            .setScan(scan("HCF1:X").getScan().toBuilder().setTemperatureCelsius(73.0))
            .build();

    StatusRuntimeException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                withChannel(
                    Role.CHECKPOINT,
                    "checkpoint-1",
                    ch ->
                        RecognitionServiceGrpc.newBlockingStub(ch)
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .recognize(bad)));

    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo("scan.temperature_celsius: 73.0 (expected: 30.0 to 45.0)");
    com.google.rpc.ErrorInfo info =
        io.grpc.protobuf.StatusProto.fromThrowable(e)
            .getDetails(0)
            .unpack(com.google.rpc.ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("INVALID_FIELD");
    assertThat(info.getMetadataMap()).containsEntry("field", "scan.temperature_celsius");
    assertThat(status.calls()).isEmpty();
    assertThat(log.records()).isEmpty();
  }

  @Test
  void recognize_byAnAuditor_isPermissionDeniedAndNothingIsRecorded() {
    assertThatThrownBy(
            () ->
                withChannel(
                    Role.AUDITOR,
                    "auditor-1",
                    ch ->
                        RecognitionServiceGrpc.newBlockingStub(ch)
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .recognize(scan("HCF1:X"))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
              assertThat(e.getStatus().getDescription())
                  .isEqualTo(
                      "role auditor may not call healthcode.federation.v1.RecognitionService/Recognize");
              com.google.rpc.ErrorInfo info = unpackErrorInfo(e);
              assertThat(info.getReason()).isEqualTo("ROLE_NOT_ALLOWED");
              assertThat(info.getMetadataMap()).containsEntry("role", "auditor");
            });
    assertThat(log.records()).isEmpty();
    assertThat(gateway.metrics().securityEvents("", "refused_permission_denied")).isEqualTo(1);
  }

  @Test
  void recognize_messageOverTheInboundLimit_isResourceExhaustedAndNothingElseHappens() {
    String huge = "HCF1:" + "A".repeat(GatewayServer.MAX_INBOUND_MESSAGE_BYTES);

    assertThatThrownBy(
            () ->
                withChannel(
                    Role.CHECKPOINT,
                    "checkpoint-1",
                    ch ->
                        RecognitionServiceGrpc.newBlockingStub(ch)
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .recognize(scan(huge))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    assertThat(log.records()).isEmpty();
    assertThat(status.calls()).isEmpty();
  }

  @Test
  void recognize_metadataOverTheInboundLimit_isRefusedAndNothingElseHappens() {
    Metadata big = new Metadata();
    big.put(
        Metadata.Key.of("x-padding", Metadata.ASCII_STRING_MARSHALLER),
        "p".repeat(GatewayServer.MAX_INBOUND_METADATA_BYTES));

    assertThatThrownBy(
            () ->
                withChannel(
                    Role.CHECKPOINT,
                    "checkpoint-1",
                    ch ->
                        RecognitionServiceGrpc.newBlockingStub(ch)
                            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(big))
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .recognize(scan("HCF1:X"))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e ->
                assertThat(e.getStatus().getCode())
                    .isIn(Status.Code.RESOURCE_EXHAUSTED, Status.Code.INTERNAL));
    assertThat(log.records()).isEmpty();
  }

  @Test
  void reflection_v1AndV1alpha_bothListTheServices_toAnyFederationMember() throws Exception {
    List<String> v1 =
        withChannel(Role.CHECKPOINT, "checkpoint-1", ch -> call(() -> ReflectionProbe.listV1(ch)));
    List<String> v1alpha =
        withChannel(Role.AUDITOR, "auditor-1", ch -> call(() -> ReflectionProbe.listV1alpha(ch)));

    assertThat(v1)
        .contains(
            "healthcode.federation.v1.RecognitionService",
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection");
    assertThat(v1alpha).containsExactlyInAnyOrderElementsOf(v1);
    assertThat(log.records()).as("discovery records nothing").isEmpty();
  }

  @Test
  void health_perService_recognitionServing_unknownServiceNotFound() {
    var r =
        withChannel(
            Role.CHECKPOINT,
            "checkpoint-1",
            ch ->
                HealthGrpc.newBlockingStub(ch)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(
                        HealthCheckRequest.newBuilder()
                            .setService("healthcode.federation.v1.RecognitionService")
                            .build()));
    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    assertThatThrownBy(
            () ->
                withChannel(
                    Role.CHECKPOINT,
                    "checkpoint-1",
                    ch ->
                        HealthGrpc.newBlockingStub(ch)
                            .withDeadlineAfter(10, TimeUnit.SECONDS)
                            .check(
                                HealthCheckRequest.newBuilder()
                                    .setService("healthcode.federation.v1.NoSuchService")
                                    .build())))
        .hasMessageStartingWith("NOT_FOUND");
  }

  static <T> T call(java.util.concurrent.Callable<T> c) {
    try {
      return c.call();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void health_isOpenToAnyFederationMember() {
    var r =
        withChannel(
            Role.AUDITOR,
            "auditor-1",
            ch ->
                HealthGrpc.newBlockingStub(ch)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()));

    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  @Test
  void metrics_endpointOnLoopbackShowsDecisionsByOutcomeAndIssuer() throws Exception {
    CodePayload code = codes.payload("140000", MARCH_20.minus(Duration.ofHours(72))).build();
    status.answer(found(code, MARCH_20, Color.COLOR_GREEN));
    withChannel(
        Role.CHECKPOINT,
        "checkpoint-1",
        ch ->
            RecognitionServiceGrpc.newBlockingStub(ch)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .recognize(scan(codes.qr(code))));

    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + gateway.metricsPort() + "/metrics"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    assertThat(r.body()).contains("codefed_decisions_total{outcome=\"PASS\",issuer=\"140000\"} 1");
  }

  @Test
  void stop_isGracefulAndRefusesNewCalls() {
    gateway.stop();

    assertThatThrownBy(
            () ->
                withChannel(
                    Role.CHECKPOINT,
                    "checkpoint-1",
                    ch ->
                        RecognitionServiceGrpc.newBlockingStub(ch)
                            .withDeadlineAfter(5, TimeUnit.SECONDS)
                            .recognize(scan("HCF1:X"))))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
    assertThat(gateway.metricsPort()).isEqualTo(-1);
  }
}
