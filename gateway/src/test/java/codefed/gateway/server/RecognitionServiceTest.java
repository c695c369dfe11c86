package codefed.gateway.server;

import static codefed.gateway.testing.Assertions.found;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import codefed.gateway.audit.seal.TestSealKeys;
import codefed.gateway.config.GatewayOptions;
import codefed.gateway.recognition.CodeIdHasher;
import codefed.gateway.recognition.CodeVerifier;
import codefed.gateway.testing.FakeCodes;
import codefed.gateway.testing.FakeDecisionLog;
import codefed.gateway.testing.FakeStatusSource;
import codefed.gateway.testing.TestCallers;
import codefed.time.MutableClock;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.ManualMethod;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.RecognizeStreamRequest;
import healthcode.federation.v1.RecognizeStreamResponse;
import healthcode.federation.v1.RecordManualVerificationRequest;
import healthcode.federation.v1.Scan;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The service over an in-process server: proto ↔ domain, validation, limits, status mapping. */
class RecognitionServiceTest {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();
  static final Instant ISSUED = MARCH_20.minus(Duration.ofHours(72));

  final MutableClock clock = new MutableClock(MARCH_20);
  final FakeCodes codes = new FakeCodes();
  final FakeStatusSource status = new FakeStatusSource();
  final FakeDecisionLog log = new FakeDecisionLog();
  GatewayServer gateway;
  ManagedChannel channel;
  RecognitionServiceGrpc.RecognitionServiceBlockingStub stub;

  @BeforeEach
  void start() throws Exception {
    start(1000);
  }

  void start(int permitsPerHour) throws Exception {
    start(permitsPerHour, codes);
  }

  void start(int permitsPerHour, CodeVerifier verifier) throws Exception {
    start(permitsPerHour, verifier, Runnable::run);
  }

  /**
   * @param streamExecutor null: the gateway's own pool (answers may come out of order)
   */
  void start(
      int permitsPerHour, CodeVerifier verifier, java.util.concurrent.Executor streamExecutor)
      throws Exception {
    if (gateway != null) {
      stop();
    }
    String name = InProcessServerBuilder.generateName();
    gateway =
        GatewayServer.builder(
                GatewayOptions.builder("150000")
                    .identity("gateway-150000")
                    .checkpointRate(permitsPerHour, Duration.ofHours(1))
                    .build())
            .serverBuilder(InProcessServerBuilder.forName(name).directExecutor())
            .authentication(new TestCallers())
            .codeVerifier(verifier)
            .statusSource(status)
            .decisionLog(log)
            .hasher(new CodeIdHasher(new byte[32]))
            .evidenceSealer(TestSealKeys.SEALER)
            .clock(clock)
            .streamExecutor(streamExecutor)
            .build();
    gateway.start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    stub = RecognitionServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    gateway.stop();
  }

  static RecognizeRequest request(String qr, CheckpointType type, Double temperature) {
    Scan.Builder scan = Scan.newBuilder().setQrText(qr).setCheckpointType(type);
    if (temperature != null) {
      scan.setTemperatureCelsius(temperature);
    }
    return RecognizeRequest.newBuilder().setScan(scan).build();
  }

  static RecognizeRequest traffic(String qr) {
    return request(qr, CheckpointType.CHECKPOINT_TYPE_TRAFFIC, 36.5);
  }

  @Test
  void recognize_redCode_answersWithEverythingTheOfficerNeeds() {
    String qr = codes.issue("140000", ISSUED);
    status.answer(found(codes.payload(qr), MARCH_20, Color.COLOR_RED, Reason.REASON_CLOSE_CONTACT));

    Decision d = stub.recognize(traffic(qr)).getDecision();

    assertThat(d.getOutcome()).isEqualTo(Outcome.OUTCOME_CONTROL);
    assertThat(d.getMeasuresList()).containsExactly(Measure.MEASURE_CENTRAL_OR_HOME_QUARANTINE_14D);
    assertThat(d.getReasonsList()).containsExactly(Reason.REASON_CLOSE_CONTACT);
    assertThat(d.getColor()).isEqualTo(Color.COLOR_RED);
    assertThat(d.getMaskedName()).isEqualTo("张*");
    assertThat(d.getMaskedIdNumber()).isEqualTo("1401**********1235");
    assertThat(d.getIssuer()).isEqualTo("140000");
    assertThat(d.getPolicyVersion()).isEqualTo("150000@2020-03-19T00:00+08:00");
    assertThat(d.getAuditSequence()).isZero();
    assertThat(d.getDecidedAt().getSeconds()).isEqualTo(MARCH_20.getEpochSecond());
    assertThat(log.last().getCheckpointId()).isEqualTo("checkpoint-1");
    assertThat(log.last().getGateway()).isEqualTo("gateway-150000");
  }

  @Test
  void recognize_checkpointIdIsTheCallersName() {
    String qr = codes.issue("150000", ISSUED);
    status.answer(found(codes.payload(qr), MARCH_20, Color.COLOR_GREEN));

    TestCallers.as(stub, "checkpoint-hohhot-7").recognize(traffic(qr));

    assertThat(log.last().getCheckpointId()).isEqualTo("checkpoint-hohhot-7");
  }

  @Test
  void start_archivesEveryPolicyVersionBeforeServing() {
    assertThat(log.archivedPolicies()).hasSize(4);
  }

  @Test
  void recognize_emptyQrText_isInvalidArgumentAndNothingElseHappens() {
    assertRefusedWithNoEffect(traffic(""), Status.Code.INVALID_ARGUMENT, "scan.qr_text: empty");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\r\n", "\n", "\r", "\t", "  \r\n"})
  void recognize_scannerLineEndAfterAValidCode_isTheSameDecisionNotAForgery(String suffix) {
    String qr = codes.issue("140000", ISSUED);
    status.answer(found(codes.payload(qr), MARCH_20, Color.COLOR_GREEN));

    Decision d = stub.recognize(traffic(qr + suffix)).getDecision();

    assertThat(d.getOutcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(log.last().getOutcome()).isEqualTo(Outcome.OUTCOME_PASS);
  }

  @Test
  void recognize_controlCharacterInsideTheText_isInvalidArgumentNamingItAndNothingIsRecorded() {
    String qr = codes.issue("140000", ISSUED);
    String withEscape = qr.substring(0, 5) + "\u001b" + qr.substring(5);

    assertRefusedWithNoEffect(
        traffic(withEscape),
        Status.Code.INVALID_ARGUMENT,
        "scan.qr_text: control character U+001B at position 5");
  }

  @Test
  void recognize_qrTextOver4KiB_isInvalidArgumentAndNothingElseHappens() {
    assertRefusedWithNoEffect(
        traffic("HCF1:" + "A".repeat(4092)),
        Status.Code.INVALID_ARGUMENT,
        "scan.qr_text: 4097 characters");
  }

  @Test
  void recognize_unspecifiedCheckpointType_isInvalidArgumentAndNothingElseHappens() {
    String qr = codes.issue("140000", ISSUED);
    assertRefusedWithNoEffect(
        request(qr, CheckpointType.CHECKPOINT_TYPE_UNSPECIFIED, 36.5),
        Status.Code.INVALID_ARGUMENT,
        "scan.checkpoint_type: CHECKPOINT_TYPE_UNSPECIFIED");
  }

  @Test
  void recognize_unknownCheckpointTypeNumber_isInvalidArgument() {
    RecognizeRequest r =
        RecognizeRequest.newBuilder()
            .setScan(
                Scan.newBuilder()
                    .setQrText(codes.issue("140000", ISSUED))
                    .setCheckpointTypeValue(42))
            .build();
    assertRefusedWithNoEffect(
        r, Status.Code.INVALID_ARGUMENT, "scan.checkpoint_type: UNRECOGNIZED");
  }

  @Test
  void recognize_temperatureOutOfRange_isInvalidArgumentAndNothingElseHappens() {
    String qr = codes.issue("140000", ISSUED);
    assertRefusedWithNoEffect(
        request(qr, CheckpointType.CHECKPOINT_TYPE_TRAFFIC, 73.0),
        Status.Code.INVALID_ARGUMENT,
        "scan.temperature_celsius: 73.0 (expected: 30.0 to 45.0)");
  }

  @Test
  void recognize_missingScan_isInvalidArgument() {
    assertRefusedWithNoEffect(
        RecognizeRequest.getDefaultInstance(), Status.Code.INVALID_ARGUMENT, "scan.qr_text: empty");
  }

  @Test
  void recognize_overTheCheckpointsRate_isResourceExhaustedAndNothingElseHappens()
      throws Exception {
    start(2);
    String qr = codes.issue("140000", ISSUED);
    status.answer(found(codes.payload(qr), MARCH_20, Color.COLOR_GREEN));
    stub.recognize(traffic(qr));
    stub.recognize(traffic(qr));
    int verifications = codes.verifications().size();

    StatusRuntimeException refused =
        catchThrowableOfType(StatusRuntimeException.class, () -> stub.recognize(traffic(qr)));

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(refused.getStatus().getDescription())
        .startsWith("checkpoint checkpoint-1 exceeded its scan rate of 2 per 3600 s; retry after ");
    com.google.rpc.Status details = io.grpc.protobuf.StatusProto.fromThrowable(refused);
    com.google.rpc.RetryInfo retry = details.getDetails(0).unpack(com.google.rpc.RetryInfo.class);
    assertThat(com.google.protobuf.util.Durations.toMillis(retry.getRetryDelay()))
        .isBetween(1L, 3_600_000L);
    com.google.rpc.ErrorInfo info = details.getDetails(1).unpack(com.google.rpc.ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("CHECKPOINT_RATE_LIMITED");
    assertThat(info.getMetadataMap()).containsEntry("permits", "2").containsEntry("period", "PT1H");
    assertThat(log.records()).hasSize(2);
    assertThat(status.calls()).hasSize(2);
    assertThat(codes.verifications()).hasSize(verifications);
    assertThat(gateway.metrics().rateLimitRejections("checkpoint-1")).isEqualTo(1);
  }

  @Test
  void recognize_rateLimit_isPerCheckpoint() throws Exception {
    start(1);
    String qr = codes.issue("150000", ISSUED);
    status.answer(found(codes.payload(qr), MARCH_20, Color.COLOR_GREEN));
    TestCallers.as(stub, "checkpoint-a").recognize(traffic(qr));

    Decision other = TestCallers.as(stub, "checkpoint-b").recognize(traffic(qr)).getDecision();

    assertThat(other.getOutcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThatThrownBy(() -> TestCallers.as(stub, "checkpoint-a").recognize(traffic(qr)))
        .hasMessageStartingWith("RESOURCE_EXHAUSTED");
  }

  @Test
  void recognize_auditLogCannotRecord_isUnavailableWithoutADecision() {
    String qr = codes.issue("140000", ISSUED);
    status.answer(found(codes.payload(qr), MARCH_20, Color.COLOR_GREEN));
    log.failing(true);

    assertThatThrownBy(() -> stub.recognize(traffic(qr)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
              assertThat(e.getStatus().getDescription()).doesNotContain("disk full");
            });
    assertThat(gateway.metrics().decisions("PASS", "140000")).isZero();
  }

  @Test
  void recognize_unexpectedFailure_isInternalWithAGenericMessage() throws Exception {
    start(
        1000,
        (text, now) -> {
          throw new IllegalStateException("secret internals 150802199003071235");
        });

    assertThatThrownBy(() -> stub.recognize(traffic("HCF1:ANYTHING")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
              assertThat(e.getStatus().getDescription()).isEqualTo("internal error");
            });
    assertThat(log.records()).isEmpty();
  }

  @Test
  void recognizeStream_answersEveryItemWithItsIdAndPerItemErrors() throws Exception {
    start(1000, codes, null);
    String green = codes.issue("150000", ISSUED);
    status.answer(found(codes.payload(green), MARCH_20, Color.COLOR_GREEN));
    List<RecognizeStreamResponse> answers = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
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
                    done.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {
                    done.complete(null);
                  }
                });
    int n = 3 * RecognizeStream.WINDOW;
    for (int i = 0; i < n; i++) {
      String qr = i == 5 ? "" : green;
      requests.onNext(
          RecognizeStreamRequest.newBuilder()
              .setRequestId("r" + i)
              .setScan(traffic(qr).getScan())
              .build());
    }
    requests.onCompleted();
    done.get(10, TimeUnit.SECONDS);

    assertThat(answers).hasSize(n);
    RecognizeStreamResponse bad =
        answers.stream().filter(a -> a.getRequestId().equals("r5")).findFirst().orElseThrow();
    assertThat(bad.getError().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
    assertThat(bad.getError().getMessage()).startsWith("scan.qr_text: empty");
    assertThat(
            answers.stream()
                .filter(RecognizeStreamResponse::hasDecision)
                .map(a -> a.getDecision().getOutcome()))
        .hasSize(n - 1)
        .containsOnly(Outcome.OUTCOME_PASS);
    assertThat(log.records()).hasSize(n - 1);
  }

  @Test
  void recognizeStream_clientNotReadingAnswers_getsNoMoreThanAWindowDecided() throws Exception {
    String green = codes.issue("150000", ISSUED);
    status.answer(found(codes.payload(green), MARCH_20, Color.COLOR_GREEN));
    List<RecognizeStreamResponse> answers = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    java.util.concurrent.atomic.AtomicReference<
            io.grpc.stub.ClientCallStreamObserver<RecognizeStreamRequest>>
        call = new java.util.concurrent.atomic.AtomicReference<>();
    StreamObserver<RecognizeStreamRequest> requests =
        RecognitionServiceGrpc.newStub(channel)
            .recognizeStream(
                new io.grpc.stub.ClientResponseObserver<
                    RecognizeStreamRequest, RecognizeStreamResponse>() {
                  @Override
                  public void beforeStart(
                      io.grpc.stub.ClientCallStreamObserver<RecognizeStreamRequest> c) {
                    call.set(c);
                    c.disableAutoRequestWithInitial(0);
                  }

                  @Override
                  public void onNext(RecognizeStreamResponse r) {
                    answers.add(r);
                  }

                  @Override
                  public void onError(Throwable t) {
                    done.completeExceptionally(t);
                  }

                  @Override
                  public void onCompleted() {
                    done.complete(null);
                  }
                });
    int n = 3 * RecognizeStream.WINDOW;
    for (int i = 0; i < n; i++) {
      requests.onNext(
          RecognizeStreamRequest.newBuilder()
              .setRequestId("r" + i)
              .setScan(traffic(green).getScan())
              .build());
    }
    requests.onCompleted();

    assertThat(log.records()).hasSize(RecognizeStream.WINDOW);
    assertThat(answers).isEmpty();

    call.get().request(n);
    done.get(10, TimeUnit.SECONDS);

    assertThat(answers).hasSize(n);
    assertThat(log.records()).hasSize(n);
  }

  @Test
  void recordManualVerification_isRecordedAndReturnsTheReceipt() {
    var response =
        stub.recordManualVerification(
            RecordManualVerificationRequest.newBuilder()
                .setMethod(ManualMethod.MANUAL_METHOD_PAPER_PASS)
                .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
                .setOutcome(Outcome.OUTCOME_PASS)
                .setNote("paper pass from the township")
                .build());

    assertThat(response.getAuditSequence()).isZero();
    assertThat(log.last().getManualMethod()).isEqualTo(ManualMethod.MANUAL_METHOD_PAPER_PASS);
    assertThat(log.last().getCheckpointId()).isEqualTo("checkpoint-1");
  }

  @Test
  void recordManualVerification_unspecifiedOutcome_isInvalidArgumentWithoutARecord() {
    assertThatThrownBy(
            () ->
                stub.recordManualVerification(
                    RecordManualVerificationRequest.newBuilder()
                        .setMethod(ManualMethod.MANUAL_METHOD_ID_CARD_CHECK)
                        .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
                        .build()))
        .hasMessage(
            "INVALID_ARGUMENT: outcome: OUTCOME_UNSPECIFIED (expected: the outcome staff decided)");
    assertThat(log.records()).isEmpty();
  }

  @Test
  void health_isServingWhileStarted() {
    HealthCheckResponse r =
        HealthGrpc.newBlockingStub(channel)
            .check(
                HealthCheckRequest.newBuilder()
                    .setService(RecognitionServiceGrpc.SERVICE_NAME)
                    .build());

    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
  }

  private void assertRefusedWithNoEffect(
      RecognizeRequest request, Status.Code code, String messageStart) {
    assertThatThrownBy(() -> stub.recognize(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).startsWith(messageStart);
            });
    assertThat(log.records()).isEmpty();
    assertThat(status.calls()).isEmpty();
    assertThat(codes.verifications()).isEmpty();
  }
}
