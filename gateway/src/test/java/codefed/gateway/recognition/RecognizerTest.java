package codefed.gateway.recognition;

import static codefed.gateway.testing.Assertions.about;
import static codefed.gateway.testing.Assertions.found;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.audit.AuditUnavailableException;
import codefed.gateway.audit.seal.RecordInputs;
import codefed.gateway.audit.seal.TestSealKeys;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.status.StatusLookup;
import codefed.gateway.testing.FakeCodes;
import codefed.gateway.testing.FakeDecisionLog;
import codefed.gateway.testing.FakeStatusSource;
import codefed.time.MutableClock;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.ManualMethod;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RecordKind;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RecognizerTest {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();
  static final Instant ISSUED = MARCH_20.minus(Duration.ofHours(72));
  static final PolicyBook SHIPPED = PolicyBook.shipped();

  final MutableClock clock = new MutableClock(MARCH_20);
  final FakeCodes codes = new FakeCodes();
  final FakeStatusSource status = new FakeStatusSource();
  final FakeDecisionLog log = new FakeDecisionLog();
  final List<String> events = new ArrayList<>();
  final RecognitionListener listener =
      new RecognitionListener() {
        @Override
        public void decided(String issuer, Outcome outcome, boolean fromCache, boolean offline) {
          events.add("decided " + issuer + " " + outcome);
        }

        @Override
        public void securityEvent(String issuer, String kind) {
          events.add("security " + issuer + " " + kind);
        }
      };
  final CodeIdHasher hasher = new CodeIdHasher(new byte[32]);
  final Recognizer recognizer =
      Recognizer.builder()
          .gateway("150000")
          .jurisdiction("150000")
          .policies(() -> SHIPPED)
          .verifier(codes)
          .status(status)
          .log(log)
          .hasher(hasher)
          .sealer(TestSealKeys.SEALER)
          .clock(clock)
          .listener(listener)
          .build();

  RecognitionAnswer scan(String qr) throws Exception {
    return scan(qr, CheckpointType.CHECKPOINT_TYPE_TRAFFIC, OptionalDouble.of(36.5));
  }

  RecognitionAnswer scan(String qr, CheckpointType type, OptionalDouble temperature)
      throws Exception {
    return recognizer.recognize(ScanRequest.of("scan.", "checkpoint-1", type, qr, temperature));
  }

  // Step 1

  @Test
  void recognize_codeFailingVerification_isRejectedWithoutCallingANode() throws Exception {
    RecognitionAnswer a = scan("HCF1:FORGED");

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_REJECT);
    assertThat(a.result().measures()).isEmpty();
    assertThat(status.calls()).isEmpty();
    AuditRecord r = log.last();
    assertThat(r.getCode().getRejection()).isEqualTo("BAD_SIGNATURE");
    assertThat(r.getCodeIdHmac()).isEmpty();
    assertThat(r.getHmacKeyId()).isEmpty();
    assertThat(events).containsExactly("decided  OUTCOME_REJECT");
  }

  // Step 2

  @Test
  void recognize_hubeiCodeUnderMarch2020Policy_needsManualVerificationWithoutCallingANode()
      throws Exception {
    RecognitionAnswer a = scan(codes.issue("420000", ISSUED));

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
    assertThat(a.result().measures()).containsExactly(Measure.MEASURE_MANUAL_CHECK);
    assertThat(a.result().explanation()).contains("420000").contains("excluded");
    assertThat(a.policyVersion()).isEqualTo("150000@2020-03-19T00:00+08:00");
    assertThat(status.calls()).isEmpty();
  }

  @Test
  void recognize_beforeAnyPolicyIsInForce_needsManualVerificationWithoutCallingANode()
      throws Exception {
    clock.set(OffsetDateTime.parse("2020-03-11T23:59:59+08:00").toInstant());

    RecognitionAnswer a = scan(codes.issue("150000", clock.instant().minusSeconds(3600)));

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
    assertThat(a.policyVersion()).isEmpty();
    assertThat(log.last().getPolicyHash()).isEmpty();
    assertThat(status.calls()).isEmpty();
  }

  // Step 3

  @Test
  void recognize_expiredCode_isExpiredWithoutCallingANode() throws Exception {
    RecognitionAnswer a = scan(codes.issue("140000", MARCH_20.minus(Duration.ofDays(14))));

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_EXPIRED);
    assertThat(a.result().measures()).containsExactly(Measure.MEASURE_RE_DECLARE);
    assertThat(status.calls()).isEmpty();
  }

  // Step 4

  @Test
  void recognize_recognizedCode_asksTheIssuerWithThePolicysFreshness() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    CodePayload code = codes.payload(qr);
    status.answer(found(code, MARCH_20, Color.COLOR_GREEN));

    RecognitionAnswer a = scan(qr);

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(status.calls())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.issuer()).isEqualTo("140000");
              assertThat(c.codeId()).isEqualTo(code.getCodeId().toByteArray());
              assertThat(c.maxAge()).isEqualTo(Duration.ofMinutes(5));
            });
    assertThat(TestSealKeys.OPENER.open(log.last()).getAssertion().getAssertion()).isNotEmpty();
    assertThat(log.last().getStatus().getColor()).isEqualTo(Color.COLOR_GREEN);
    assertThat(log.last().getNodeReachable()).isTrue();
  }

  @Test
  void recognize_cachedAnswer_isFlaggedFromCache() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    status.answer(found(about(codes.payload(qr), MARCH_20.minusSeconds(120)).build(), true));

    RecognitionAnswer a = scan(qr);

    assertThat(a.fromCache()).isTrue();
    assertThat(log.last().getFromCache()).isTrue();
  }

  @Test
  void recognize_unknownCode_isRejected() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    status.answer(
        found(
            about(codes.payload(qr), MARCH_20).setState(CodeState.CODE_STATE_UNKNOWN).build(),
            false));

    assertThat(scan(qr).result().outcome()).isEqualTo(Outcome.OUTCOME_REJECT);
  }

  @Test
  void recognize_revokedCode_isRejected() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    status.answer(
        found(
            about(codes.payload(qr), MARCH_20).setState(CodeState.CODE_STATE_REVOKED).build(),
            false));

    RecognitionAnswer a = scan(qr);

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_REJECT);
    assertThat(a.result().explanation()).contains("revoked");
  }

  @Test
  void recognize_nodeDownWithFreshSnapshot_decidesOfflineFromTheSnapshot() throws Exception {
    String qr =
        codes.issueWithSnapshot(
            "140000", ISSUED, Color.COLOR_RED, MARCH_20.minus(Duration.ofMinutes(10)));
    status.answer(new StatusLookup.Unreachable("down"));

    RecognitionAnswer a = scan(qr);

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_CONTROL);
    assertThat(a.result().measures())
        .containsExactly(Measure.MEASURE_CENTRAL_OR_HOME_QUARANTINE_14D);
    assertThat(a.result().offline()).isTrue();
    AuditRecord r = log.last();
    assertThat(r.getOffline()).isTrue();
    assertThat(r.getNodeReachable()).isFalse();
    assertThat(r.hasOfflineSnapshot()).isTrue();
    assertThat(r.hasStatus()).isFalse();
    assertThat(r.hasSealedEvidence()).isFalse();
  }

  @Test
  void recognize_nodeDownWithSnapshotOlderThanTheLimit_needsManualVerification() throws Exception {
    String qr =
        codes.issueWithSnapshot(
            "140000",
            ISSUED,
            Color.COLOR_GREEN,
            MARCH_20.minus(Duration.ofMinutes(10)).minusSeconds(1));
    status.answer(new StatusLookup.Unreachable("down"));

    RecognitionAnswer a = scan(qr);

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
    assertThat(a.result().offline()).isFalse();
  }

  @Test
  void recognize_answerForAnotherIssuer_isASecurityEventAndHandledAsNodeDown() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    status.answer(found(about(codes.payload(qr), MARCH_20).setIssuer("150000").build(), false));

    RecognitionAnswer a = scan(qr);

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
    assertThat(events).contains("security 140000 assertion_wrong_issuer");
    assertThat(log.last().hasStatus()).isFalse();
    assertThat(log.last().hasSealedEvidence()).isFalse();
    assertThat(log.last().getNodeReachable()).isFalse();
  }

  @Test
  void recognize_answerForAnotherCode_isASecurityEventAndHandledAsNodeDown() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    byte[] other = new byte[16];
    status.answer(
        found(
            about(codes.payload(qr), MARCH_20).setCodeId(ByteString.copyFrom(other)).build(),
            false));

    assertThat(scan(qr).result().outcome()).isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
    assertThat(events).contains("security 140000 assertion_wrong_code");
  }

  @Test
  void recognize_statusSourceThrows_degradesToTheOfflinePath() throws Exception {
    String qr =
        codes.issueWithSnapshot("140000", ISSUED, Color.COLOR_GREEN, MARCH_20.minusSeconds(60));
    status.answer(
        c -> {
          throw new IllegalStateException("bug");
        });

    RecognitionAnswer a = scan(qr);

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(a.result().offline()).isTrue();
  }

  // Step 5 (the table test covers the rules; here what the answer carries)

  @Test
  void recognize_answerCarriesReasonsMaskedIdentityAndPolicy() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    status.answer(found(codes.payload(qr), MARCH_20, Color.COLOR_RED, Reason.REASON_CONFIRMED));

    RecognitionAnswer a = scan(qr, CheckpointType.CHECKPOINT_TYPE_MEDICAL, OptionalDouble.empty());

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_CONTROL);
    assertThat(a.result().measures())
        .containsExactly(Measure.MEASURE_HOSPITAL_TRANSFER, Measure.MEASURE_MEDICAL_REGISTRATION);
    assertThat(a.result().reasons()).containsExactly(Reason.REASON_CONFIRMED);
    assertThat(a.maskedName()).isEqualTo("张*");
    assertThat(a.maskedIdNumber()).isEqualTo("1401**********1235");
    assertThat(a.issuer()).isEqualTo("140000");
    assertThat(a.decidedAt()).isEqualTo(MARCH_20);
  }

  @Test
  void recognize_staleAnswer_isNeverPass() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    status.answer(
        found(
            about(codes.payload(qr), MARCH_20.minus(Duration.ofMinutes(6)))
                .clearValidUntil()
                .build(),
            true));

    assertThat(scan(qr).result().outcome()).isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
  }

  // Step 6

  @Test
  void recognize_recordsBeforeAnsweringAndReturnsTheReceipt() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    status.answer(found(codes.payload(qr), MARCH_20, Color.COLOR_GREEN));
    scan(qr);

    RecognitionAnswer second = scan(qr);

    assertThat(second.auditSequence()).isEqualTo(1);
    assertThat(log.records()).hasSize(2);
    AuditRecord r = log.last();
    assertThat(r.getKind()).isEqualTo(RecordKind.RECORD_KIND_DECISION);
    assertThat(r.getGateway()).isEqualTo("150000");
    assertThat(r.getCheckpointId()).isEqualTo("checkpoint-1");
    assertThat(r.getTime().getSeconds()).isEqualTo(MARCH_20.getEpochSecond());
    assertThat(r.getOutcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(r.getTemperatureCelsius()).isEqualTo(36.5);
  }

  @Test
  void recognize_recordHoldsTheKeyedHashNeverTheCodeId() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    CodePayload code = codes.payload(qr);
    status.answer(found(codes.payload(qr), MARCH_20, Color.COLOR_GREEN));

    scan(qr);

    AuditRecord r = log.last();
    assertThat(r.getCodeIdHmac())
        .isEqualTo(hasher.hash(code.getCodeId()))
        .isNotEqualTo(code.getCodeId());
    assertThat(r.getHmacKeyId()).isEqualTo(hasher.keyId()).startsWith("hmac-");
    byte[] bytes = r.toByteArray();
    assertThat(indexOf(bytes, code.getCodeId().toByteArray())).as("raw code id").isNegative();
    assertThat(r.toByteString().toStringUtf8()).doesNotContain("张");
    assertThat(TestSealKeys.OPENER.open(r).getAssertion().getAssertion().toStringUtf8())
        .contains("张");
  }

  @Test
  void recognizeAsync_answersOnceRecorded_withTheRecordsSequence() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    status.answer(found(codes.payload(qr), MARCH_20, Color.COLOR_GREEN));
    scan(qr);

    RecognitionAnswer a =
        recognizer
            .recognizeAsync(
                ScanRequest.of(
                    "scan.",
                    "checkpoint-1",
                    CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
                    qr,
                    OptionalDouble.of(36.5)))
            .toCompletableFuture()
            .get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(a.auditSequence()).isEqualTo(1).isEqualTo(log.last().getSequence());
    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(events)
        .containsExactly("decided 140000 OUTCOME_PASS", "decided 140000 OUTCOME_PASS");
  }

  @Test
  void recognizeAsync_logCannotRecord_failsWithoutADecision() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    status.answer(found(codes.payload(qr), MARCH_20, Color.COLOR_GREEN));
    log.failing(true);

    var stage =
        recognizer
            .recognizeAsync(
                ScanRequest.of(
                    "scan.",
                    "checkpoint-1",
                    CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
                    qr,
                    OptionalDouble.of(36.5)))
            .toCompletableFuture();

    assertThatThrownBy(stage::join).hasCauseInstanceOf(AuditUnavailableException.class);
    assertThat(events).isEmpty();
  }

  @Test
  void recognize_logCannotRecord_givesNoDecision() {
    String qr = codes.issue("140000", ISSUED);
    status.answer(found(codes.payload(qr), MARCH_20, Color.COLOR_GREEN));
    log.failing(true);

    assertThatThrownBy(() -> scan(qr)).isInstanceOf(AuditUnavailableException.class);
    assertThat(events).isEmpty();
  }

  // Replay

  @Test
  void replay_everyRecordedDecision_givesTheRecordedOutcomeAndMeasures() throws Exception {
    String green = codes.issue("140000", ISSUED);
    String red = codes.issue("140000", ISSUED);
    String offline =
        codes.issueWithSnapshot("140000", ISSUED, Color.COLOR_YELLOW, MARCH_20.minusSeconds(60));
    String oldSnapshot =
        codes.issueWithSnapshot(
            "140000", ISSUED, Color.COLOR_GREEN, MARCH_20.minus(Duration.ofHours(1)));
    java.util.Map<ByteString, StatusLookup> answers =
        java.util.Map.of(
            codes.payload(green).getCodeId(),
                found(codes.payload(green), MARCH_20, Color.COLOR_GREEN),
            codes.payload(red).getCodeId(),
                found(codes.payload(red), MARCH_20, Color.COLOR_RED, Reason.REASON_SUSPECTED));
    status.answer(
        c ->
            answers.getOrDefault(
                ByteString.copyFrom(c.codeId()), new StatusLookup.Unreachable("down")));
    scan(green, CheckpointType.CHECKPOINT_TYPE_TRAFFIC, OptionalDouble.of(38.0));
    scan(red, CheckpointType.CHECKPOINT_TYPE_MEDICAL, OptionalDouble.empty());
    scan(offline);
    scan(oldSnapshot);
    scan("HCF1:GARBAGE");
    scan(codes.issue("420000", ISSUED));
    scan(codes.issue("140000", MARCH_20.minus(Duration.ofDays(20))));

    assertThat(log.records()).hasSize(7);
    for (AuditRecord r : log.records()) {
      var policy = SHIPPED.byHash(r.getPolicyHash().toByteArray()).orElse(null);
      DecisionResult replayed =
          DecisionRules.decide(
              policy,
              RecordInputs.opening(Optional.of(TestSealKeys.OPENER), Optional.empty()).input(r));
      assertThat(replayed.outcome()).as("record " + r.getSequence()).isEqualTo(r.getOutcome());
      assertThat(replayed.measures())
          .as("record " + r.getSequence())
          .isEqualTo(r.getMeasuresList());
      assertThat(replayed.offline()).isEqualTo(r.getOffline());
    }
    assertThat(log.records().stream().map(AuditRecord::getOutcome).distinct())
        .contains(
            Outcome.OUTCOME_CONTROL,
            Outcome.OUTCOME_MANUAL_VERIFICATION,
            Outcome.OUTCOME_REJECT,
            Outcome.OUTCOME_EXPIRED);
  }

  // Manual verification

  @Test
  void recordManual_paperPass_isRecordedWithMethodAndNote() throws Exception {
    ManualReceipt receipt =
        recognizer.recordManual(
            ManualRequest.of(
                "checkpoint-1",
                ManualMethod.MANUAL_METHOD_PAPER_PASS,
                CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
                "",
                OptionalDouble.of(36.6),
                Outcome.OUTCOME_PASS,
                List.of(),
                "elderly traveller, paper pass checked"));

    assertThat(receipt.auditSequence()).isZero();
    assertThat(receipt.recordedAt()).isEqualTo(MARCH_20);
    AuditRecord r = log.last();
    assertThat(r.getKind()).isEqualTo(RecordKind.RECORD_KIND_MANUAL_VERIFICATION);
    assertThat(r.getManualMethod()).isEqualTo(ManualMethod.MANUAL_METHOD_PAPER_PASS);
    assertThat(r.getNote()).as("sealed, not clear").isEmpty();
    assertThat(TestSealKeys.OPENER.open(r).getNote())
        .isEqualTo("elderly traveller, paper pass checked");
    assertThat(r.getCodeIdHmac()).isEmpty();
    assertThat(status.calls()).isEmpty();
  }

  @Test
  void recordManual_withCode_recordsItsFactsAndKeyedHash() throws Exception {
    String qr = codes.issue("140000", ISSUED);

    recognizer.recordManual(
        ManualRequest.of(
            "checkpoint-1",
            ManualMethod.MANUAL_METHOD_PROXY,
            CheckpointType.CHECKPOINT_TYPE_PUBLIC_PLACE,
            qr,
            OptionalDouble.empty(),
            Outcome.OUTCOME_PASS,
            List.of(),
            ""));

    AuditRecord r = log.last();
    assertThat(r.getCode().getIssuer()).isEqualTo("140000");
    assertThat(r.getCodeIdHmac()).isEqualTo(hasher.hash(codes.payload(qr).getCodeId()));
    assertThat(status.calls()).isEmpty();
  }

  @Test
  void manualRequest_noteWithAnIdNumber_isRefusedNamingTheNote() {
    assertThatThrownBy(
            () ->
                ManualRequest.of(
                    "c",
                    ManualMethod.MANUAL_METHOD_ID_CARD_CHECK,
                    CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
                    "",
                    OptionalDouble.empty(),
                    Outcome.OUTCOME_PASS,
                    List.of(),
                    "checked card 150802199003071235"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageStartingWith("note: ");
  }

  @Test
  void manualRequest_unspecifiedMethod_isRefused() {
    assertThatThrownBy(
            () ->
                ManualRequest.of(
                    "c",
                    ManualMethod.MANUAL_METHOD_UNSPECIFIED,
                    CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
                    "",
                    OptionalDouble.empty(),
                    Outcome.OUTCOME_PASS,
                    List.of(),
                    ""))
        .hasMessage(
            "method: MANUAL_METHOD_UNSPECIFIED (expected: PAPER_PASS, PROXY or ID_CARD_CHECK)");
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
