package codefed.cli.cases;

import codefed.gateway.cases.RecognitionCase;
import codefed.gateway.recognition.DecisionCauses;
import healthcode.federation.v1.DecisionCause;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import java.util.Objects;
import java.util.Set;

/**
 * What one case produced, and whether it is what the file expects: the outcome and measures, and a
 * cause that explains that outcome (what the officer is told).
 */
public record CaseResult(
    RecognitionCase c, Outcome outcome, Set<Measure> measures, DecisionCause cause, String note) {
  public CaseResult {
    measures = Set.copyOf(measures);
    Objects.requireNonNull(cause, "cause");
  }

  public boolean passed() {
    return outcome == c.expectedOutcome()
        && measures.equals(c.expectedMeasures())
        && causeExplainsOutcome();
  }

  /** Whether the gateway gave a cause, and one of this outcome. */
  public boolean causeExplainsOutcome() {
    return outcome != null && DecisionCauses.outcomeOf(cause) == outcome;
  }
}
