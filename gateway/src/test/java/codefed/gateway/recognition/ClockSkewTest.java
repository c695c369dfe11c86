package codefed.gateway.recognition;

import static codefed.gateway.testing.Assertions.about;
import static codefed.gateway.testing.Assertions.found;
import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.audit.seal.RecordInputs;
import codefed.gateway.audit.seal.TestSealKeys;
import codefed.gateway.policy.Policy;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.status.StatusLookup;
import codefed.gateway.testing.FakeCodes;
import codefed.gateway.testing.FakeDecisionLog;
import codefed.gateway.testing.FakeStatusSource;
import codefed.time.MutableClock;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.DecisionCause;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Timestamps ahead of the gateway's clock by more than the policy's clock skew tolerance (2 min in
 * the shipped policies) are refused: a code issued "later" is rejected, a snapshot "as of later" is
 * not used offline, a node answer asserted "later" is handled as if the node were unreachable. Each
 * refusal is in the record (the evidence is kept), and replay agrees.
 */
class ClockSkewTest {
  static final Instant NOW = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();
  static final Instant ISSUED = NOW.minus(Duration.ofHours(72));
  static final PolicyBook SHIPPED = PolicyBook.shipped();
  static final Duration SKEW = Policy.DEFAULT_CLOCK_SKEW;
  static final Duration BEYOND = SKEW.plusSeconds(1);

  final MutableClock clock = new MutableClock(NOW);
  final FakeCodes codes = new FakeCodes();
  final FakeStatusSource status = new FakeStatusSource();
  final FakeDecisionLog log = new FakeDecisionLog();
  final List<String> events = new ArrayList<>();
  final Recognizer recognizer =
      Recognizer.builder()
          .gateway("150000")
          .jurisdiction("150000")
          .policies(() -> SHIPPED)
          .verifier(codes)
          .status(status)
          .log(log)
          .hasher(new CodeIdHasher(new byte[32]))
          .sealer(TestSealKeys.SEALER)
          .clock(clock)
          .listener(
              new RecognitionListener() {
                @Override
                public void securityEvent(String issuer, String kind) {
                  events.add("security " + issuer + " " + kind);
                }
              })
          .build();

  RecognitionAnswer scan(String qr) throws Exception {
    return recognizer.recognize(
        ScanRequest.of(
            "scan.",
            "checkpoint-1",
            CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
            qr,
            OptionalDouble.of(36.5)));
  }

  /** Replay reaches the same decision from the record alone. */
  static void assertReplaysTo(AuditRecord r, RecognitionAnswer a) throws Exception {
    Policy policy = SHIPPED.inForce("150000", NOW).orElseThrow();
    DecisionResult replayed = DecisionRules.decide(policy, RecordInputs.clear().input(r));
    assertThat(replayed).isEqualTo(a.result());
  }

  @Test
  void snapshotAsOfBeyondSkew_nodeDown_notUsed_manualVerificationNamingIt() throws Exception {
    String qr = codes.issueWithSnapshot("140000", ISSUED, Color.COLOR_GREEN, NOW.plus(BEYOND));
    status.answer(new StatusLookup.Unreachable("down"));

    RecognitionAnswer a = scan(qr);

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
    assertThat(a.result().measures()).contains(Measure.MEASURE_MANUAL_CHECK);
    assertThat(a.result().offline()).isFalse();
    assertThat(a.result().explanation()).contains("ahead of the gateway clock by more than PT2M");
    assertThat(a.result().cause()).isEqualTo(DecisionCause.DECISION_CAUSE_CLOCK_SKEW);
    AuditRecord r = log.last();
    assertThat(r.getOffline()).isFalse();
    assertThat(r.getOutcome()).isNotEqualTo(Outcome.OUTCOME_PASS);
    assertThat(r.hasOfflineSnapshot()).as("the future-dated snapshot is kept as evidence").isTrue();
    assertReplaysTo(r, a);
  }

  @Test
  void snapshotAsOfWithinSkew_nodeDown_usedOffline() throws Exception {
    String qr = codes.issueWithSnapshot("140000", ISSUED, Color.COLOR_GREEN, NOW.plus(SKEW));
    status.answer(new StatusLookup.Unreachable("down"));

    RecognitionAnswer a = scan(qr);

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(a.result().offline()).isTrue();
  }

  @Test
  void codeIssuedBeyondSkew_rejectedWithReason_noNodeCalled() throws Exception {
    String qr = codes.issue("140000", NOW.plus(BEYOND));

    RecognitionAnswer a = scan(qr);

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_REJECT);
    assertThat(a.result().explanation())
        .contains("issued at")
        .contains("ahead of the gateway clock");
    assertThat(a.result().cause()).isEqualTo(DecisionCause.DECISION_CAUSE_CODE_FROM_FUTURE);
    assertThat(status.calls()).isEmpty();
    assertReplaysTo(log.last(), a);
  }

  @Test
  void codeIssuedWithinSkew_isAskedAbout() throws Exception {
    String qr = codes.issue("140000", NOW.plus(SKEW));
    status.answer(found(codes.payload(qr), NOW, Color.COLOR_GREEN));

    assertThat(scan(qr).result().outcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(status.calls()).hasSize(1);
  }

  @Test
  void answerAssertedBeyondSkew_handledAsUnreachable_snapshotDecides_answerKeptAsEvidence()
      throws Exception {
    String qr = codes.issueWithSnapshot("140000", ISSUED, Color.COLOR_YELLOW, NOW.minusSeconds(60));
    status.answer(
        found(
            about(codes.payload(qr), NOW.plus(BEYOND)).setColor(Color.COLOR_GREEN).build(), false));

    RecognitionAnswer a = scan(qr);

    assertThat(a.result().outcome())
        .isEqualTo(Outcome.OUTCOME_CONTROL); // the snapshot's yellow, not the green
    assertThat(a.result().cause()).isEqualTo(DecisionCause.DECISION_CAUSE_YELLOW);
    assertThat(a.statusAssertedAt()).as("the answer ahead was not used").isEmpty();
    assertThat(a.result().offline()).isTrue();
    AuditRecord r = log.last();
    assertThat(r.getNodeReachable()).isFalse();
    assertThat(r.getOffline()).isTrue();
    assertThat(r.hasSealedEvidence())
        .as("the node's answer, sealed as evidence of its clock")
        .isTrue();
    assertThat(r.getStatus().hasAssertedAt()).as("its clear summary keeps the instant").isTrue();
    assertThat(events).containsExactly("security 140000 assertion_ahead_of_clock");
    assertReplaysTo(r, a);
  }

  @Test
  void answerAssertedBeyondSkew_noSnapshot_manualVerificationNamingIt() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    status.answer(found(about(codes.payload(qr), NOW.plus(BEYOND)).build(), false));

    RecognitionAnswer a = scan(qr);

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
    assertThat(a.result().cause()).isEqualTo(DecisionCause.DECISION_CAUSE_CLOCK_SKEW);
    assertThat(a.result().explanation())
        .contains("asserted at")
        .contains("ahead of the gateway clock by more than PT2M");
    assertThat(log.last().getNodeReachable()).isFalse();
    assertReplaysTo(log.last(), a);
  }

  @Test
  void answerAssertedWithinSkew_used() throws Exception {
    String qr = codes.issue("140000", ISSUED);
    status.answer(found(about(codes.payload(qr), NOW.plus(SKEW)).build(), false));

    RecognitionAnswer a = scan(qr);

    assertThat(a.result().outcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(log.last().getNodeReachable()).isTrue();
    assertThat(events).isEmpty();
  }
}
