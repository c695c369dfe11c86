package codefed.gateway.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.policy.Policy;
import codefed.gateway.policy.PolicyBook;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.DecisionCause;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * The causes no acceptance-case row reaches: what the issuer's node says about the code, how old
 * its word is, a compromised key, and no policy at all. Each comes with its outcome.
 */
class DecisionRulesCausesTest {
  static final Instant SCAN = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();
  static final Policy POLICY = PolicyBook.shipped().inForce("150000", SCAN).orElseThrow();

  static CodeFacts code() {
    return CodeFacts.newBuilder()
        .setIssuer("140000")
        .setIssuedAt(Timestamps.of(SCAN.minus(Duration.ofHours(72))))
        .setExpiresAt(Timestamps.of(SCAN.plus(Duration.ofDays(11))))
        .setKeyId("140000-k1")
        .build();
  }

  static DecisionInput input(CodeFacts code) {
    return DecisionInput.beforeStatus(
        SCAN, "150000", CheckpointType.CHECKPOINT_TYPE_TRAFFIC, OptionalDouble.empty(), code);
  }

  static DecisionResult answered(StatusAssertion.Builder a) {
    StatusAssertion assertion =
        a.setIssuer("140000").setCodeId(ByteString.copyFrom(new byte[16])).build();
    SignedAssertion signed =
        SignedAssertion.newBuilder().setAssertion(assertion.toByteString()).build();
    return DecisionRules.decide(
        POLICY, input(code()).withStatus(new AssertedStatus(signed, assertion), false));
  }

  static StatusAssertion.Builder active(Color color, Instant assertedAt) {
    return StatusAssertion.newBuilder()
        .setState(CodeState.CODE_STATE_ACTIVE)
        .setColor(color)
        .setAssertedAt(Timestamps.of(assertedAt));
  }

  @Test
  void codeUnknownToItsIssuer_reject() {
    DecisionResult r =
        answered(
            StatusAssertion.newBuilder()
                .setState(CodeState.CODE_STATE_UNKNOWN)
                .setAssertedAt(Timestamps.of(SCAN)));
    assertThat(r.outcome()).isEqualTo(Outcome.OUTCOME_REJECT);
    assertThat(r.cause()).isEqualTo(DecisionCause.DECISION_CAUSE_CODE_UNKNOWN_TO_ISSUER);
  }

  @Test
  void codeRevokedByItsIssuer_reject() {
    DecisionResult r =
        answered(
            StatusAssertion.newBuilder()
                .setState(CodeState.CODE_STATE_REVOKED)
                .setAssertedAt(Timestamps.of(SCAN)));
    assertThat(r.outcome()).isEqualTo(Outcome.OUTCOME_REJECT);
    assertThat(r.cause()).isEqualTo(DecisionCause.DECISION_CAUSE_CODE_REVOKED);
  }

  @Test
  void answerWithoutColor_manual_unusable() {
    DecisionResult r = answered(active(Color.COLOR_UNSPECIFIED, SCAN));
    assertThat(r.outcome()).isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
    assertThat(r.cause()).isEqualTo(DecisionCause.DECISION_CAUSE_ANSWER_UNUSABLE);
  }

  @Test
  void answerOlderThanTheCacheFreshness_manual_tooOld() {
    DecisionResult r =
        answered(active(Color.COLOR_GREEN, SCAN.minus(POLICY.cacheFreshness()).minusSeconds(1)));
    assertThat(r.outcome()).isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
    assertThat(r.cause()).isEqualTo(DecisionCause.DECISION_CAUSE_ANSWER_TOO_OLD);
  }

  @Test
  void answerPastItsOwnValidity_manual_tooOld() {
    DecisionResult r =
        answered(
            active(Color.COLOR_GREEN, SCAN).setValidUntil(Timestamps.of(SCAN.minusSeconds(1))));
    assertThat(r.cause()).isEqualTo(DecisionCause.DECISION_CAUSE_ANSWER_TOO_OLD);
  }

  @Test
  void codeSignedAfterItsKeyWasCompromised_reject_keyCompromised_noStatusNeeded() {
    DecisionInput in =
        input(
            CodeFacts.newBuilder().setRejection("KEY_COMPROMISED: key 140000-k1 revoked").build());
    assertThat(DecisionRules.statusNeeded(POLICY, in)).isFalse();
    DecisionResult r = DecisionRules.decide(POLICY, in);
    assertThat(r.outcome()).isEqualTo(Outcome.OUTCOME_REJECT);
    assertThat(r.cause()).isEqualTo(DecisionCause.DECISION_CAUSE_KEY_COMPROMISED);
  }

  @Test
  void noPolicyInForce_manual_noPolicy() {
    DecisionResult r = DecisionRules.decide(null, input(code()));
    assertThat(r.outcome()).isEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
    assertThat(r.cause()).isEqualTo(DecisionCause.DECISION_CAUSE_NO_POLICY);
  }

  @Test
  void greenAnswer_pass_green() {
    DecisionResult r = answered(active(Color.COLOR_GREEN, SCAN));
    assertThat(r.outcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(r.cause()).isEqualTo(DecisionCause.DECISION_CAUSE_GREEN);
  }
}
