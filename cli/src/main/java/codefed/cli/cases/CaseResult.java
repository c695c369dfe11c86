package codefed.cli.cases;

import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import java.util.Set;

/** What one case produced, and whether it is what the file expects. */
public record CaseResult(RecognitionCase c, Outcome outcome, Set<Measure> measures, String note) {
  public CaseResult {
    measures = Set.copyOf(measures);
  }

  public boolean passed() {
    return outcome == c.expectedOutcome() && measures.equals(c.expectedMeasures());
  }
}
