package codefed.gateway.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import healthcode.federation.v1.Color;
import healthcode.federation.v1.DecisionCause;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RiskLevel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecisionCausesTest {
  @Test
  void outcomeOf_everyCause_belongsToOneRealOutcome() {
    Arrays.stream(DecisionCause.values())
        .filter(
            c -> c != DecisionCause.DECISION_CAUSE_UNSPECIFIED && c != DecisionCause.UNRECOGNIZED)
        .forEach(
            c ->
                assertThat(DecisionCauses.outcomeOf(c))
                    .as(c.name())
                    .isNotEqualTo(Outcome.OUTCOME_UNSPECIFIED));
    assertThat(DecisionCauses.outcomeOf(DecisionCause.DECISION_CAUSE_UNSPECIFIED))
        .isEqualTo(Outcome.OUTCOME_UNSPECIFIED);
  }

  @ParameterizedTest
  @CsvSource({
    "'MALFORMED: Base45: dangling single character', DECISION_CAUSE_CODE_DAMAGED",
    "'BAD_SIGNATURE: signature does not verify', DECISION_CAUSE_CODE_DAMAGED",
    "'UNKNOWN_ISSUER: 990000', DECISION_CAUSE_ISSUER_UNKNOWN",
    "'UNKNOWN_KEY: 140000-x', DECISION_CAUSE_ISSUER_UNKNOWN",
    "'KEY_NOT_VALID: retired', DECISION_CAUSE_KEY_NOT_VALID",
    "'KEY_COMPROMISED: signed after 2026-11-29T13:44:12Z', DECISION_CAUSE_KEY_COMPROMISED",
    "'KEY_COMPROMISED', DECISION_CAUSE_KEY_COMPROMISED",
    "'something else entirely', DECISION_CAUSE_CODE_DAMAGED"
  })
  void ofRejection_failureClass_namesTheCause(String rejection, DecisionCause expected) {
    assertThat(DecisionCauses.ofRejection(rejection)).isEqualTo(expected);
  }

  @Test
  void result_causeOfAnotherOutcome_isRefused() {
    assertThatThrownBy(
            () ->
                new DecisionResult(
                    Outcome.OUTCOME_PASS,
                    List.of(),
                    List.of(),
                    Color.COLOR_GREEN,
                    RiskLevel.RISK_LEVEL_UNSPECIFIED,
                    false,
                    "GREEN",
                    DecisionCause.DECISION_CAUSE_CODE_REVOKED))
        .hasMessage("cause: DECISION_CAUSE_CODE_REVOKED (expected: a cause of OUTCOME_PASS)");
    assertThatThrownBy(
            () ->
                new DecisionResult(
                    Outcome.OUTCOME_PASS,
                    List.of(),
                    List.of(),
                    Color.COLOR_GREEN,
                    RiskLevel.RISK_LEVEL_UNSPECIFIED,
                    false,
                    "GREEN",
                    DecisionCause.DECISION_CAUSE_UNSPECIFIED))
        .hasMessageContaining("cause: DECISION_CAUSE_UNSPECIFIED");
  }
}
