package codefed.gateway.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.cases.RecognitionCase;
import codefed.gateway.policy.Policy;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.testing.TestData;
import healthcode.federation.v1.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every row of testdata/recognition-cases.csv at the rules level: the row's inputs become a {@link
 * DecisionInput} the way the recognizer builds one (status only when steps 1–3 leave the decision
 * open), and the shipped policy in force decides.
 */
class DecisionRulesCasesTest {
  static final PolicyBook SHIPPED = PolicyBook.shipped();

  static List<RecognitionCase> cases() {
    return TestData.cases("recognition-cases.csv");
  }

  @Test
  void cases_fileHasAllRows() {
    assertThat(cases()).hasSize(32);
    assertThat(CaseInputs.EXPECTED_CAUSES.keySet())
        .as("a cause for every row")
        .containsExactlyInAnyOrderElementsOf(cases().stream().map(RecognitionCase::id).toList());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decide_caseRow_givesExpectedOutcomeAndMeasures(RecognitionCase c) {
    Policy policy = SHIPPED.inForce(c.jurisdiction(), c.scannedAt().toInstant()).orElse(null);
    DecisionInput input = CaseInputs.beforeStatus(c);
    if (DecisionRules.statusNeeded(policy, input)) {
      input =
          c.nodeUp()
              ? input.withStatus(CaseInputs.status(c), false)
              : input.withNodeUnreachable(CaseInputs.snapshot(c));
    }

    DecisionResult result = DecisionRules.decide(policy, input);

    assertThat(result.outcome()).as(c.id() + " outcome").isEqualTo(c.expectedOutcome());
    assertThat(result.measures())
        .as(c.id() + " measures")
        .containsExactlyInAnyOrderElementsOf(c.expectedMeasures());
    assertThat(result.cause())
        .as(c.id() + " cause")
        .isEqualTo(CaseInputs.EXPECTED_CAUSES.get(c.id()));
    if (result.outcome() == Outcome.OUTCOME_PASS && !c.nodeUp()) {
      assertThat(result.offline()).as(c.id() + " offline").isTrue();
    }
  }
}
