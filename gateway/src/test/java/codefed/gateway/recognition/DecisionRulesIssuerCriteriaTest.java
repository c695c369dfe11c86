package codefed.gateway.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.cases.RecognitionCase;
import codefed.gateway.policy.Policy;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.testing.TestData;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.StatusAssertion;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Colors by an issuer's own criteria (testdata/issuer-criteria-cases.csv): the node answers with
 * the color and the single reason ISSUER_CRITERIA, and the rules treat it like any color without a
 * confirmed or suspected case — a RED means CENTRAL_OR_HOME_QUARANTINE_14D, never
 * HOSPITAL_TRANSFER.
 */
class DecisionRulesIssuerCriteriaTest {
  static final PolicyBook SHIPPED = PolicyBook.shipped();

  static List<RecognitionCase> cases() {
    return TestData.cases("issuer-criteria-cases.csv");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decide_issuerCriteriaRow_givesExpectedOutcomeAndMeasures(RecognitionCase c) {
    Policy policy = SHIPPED.inForce(c.jurisdiction(), c.scannedAt().toInstant()).orElse(null);
    DecisionInput input = CaseInputs.beforeStatus(c);
    if (DecisionRules.statusNeeded(policy, input)) {
      input =
          c.nodeUp()
              ? input.withStatus(asTheNodeReportsIt(CaseInputs.status(c)), false)
              : input.withNodeUnreachable(CaseInputs.snapshot(c));
    }

    DecisionResult result = DecisionRules.decide(policy, input);

    assertThat(result.outcome()).as(c.id() + " outcome").isEqualTo(c.expectedOutcome());
    assertThat(result.measures())
        .as(c.id() + " measures")
        .containsExactlyInAnyOrderElementsOf(c.expectedMeasures())
        .doesNotContain(Measure.MEASURE_HOSPITAL_TRANSFER);
  }

  @Test
  void redByIssuerCriteria_reasonTravelsWithTheDecision_quarantineNotHospital() {
    RecognitionCase red = cases().get(0);
    Policy policy = SHIPPED.inForce(red.jurisdiction(), red.scannedAt().toInstant()).orElseThrow();
    DecisionInput input =
        CaseInputs.beforeStatus(red).withStatus(asTheNodeReportsIt(CaseInputs.status(red)), false);

    DecisionResult result = DecisionRules.decide(policy, input);

    assertThat(result.reasons()).containsExactly(Reason.REASON_ISSUER_CRITERIA);
    assertThat(result.measures()).containsExactly(Measure.MEASURE_CENTRAL_OR_HOME_QUARANTINE_14D);
    assertThat(result.explanation()).isEqualTo("RED (ISSUER_CRITERIA)");
  }

  /** A yellow or red with no seed-003 reason: the node reports ISSUER_CRITERIA and a note. */
  private static AssertedStatus asTheNodeReportsIt(AssertedStatus status) {
    StatusAssertion a = status.assertion();
    if (a.getReasonsCount() > 0) {
      return status;
    }
    StatusAssertion own =
        a.toBuilder()
            .addReasons(Reason.REASON_ISSUER_CRITERIA)
            .setIssuerNote("province's own criteria")
            .build();
    return new AssertedStatus(
        status.signed().toBuilder().setAssertion(own.toByteString()).build(), own);
  }
}
