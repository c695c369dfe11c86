package codefed.gateway.recognition;

import healthcode.federation.v1.Color;
import healthcode.federation.v1.DecisionCause;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskLevel;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * What {@link DecisionRules} decided: the outcome, the set of measures (sorted, no duplicates), the
 * node's reasons, the color and itinerary risk it went by, whether it went by an offline snapshot,
 * one line for the officer, and the cause: why, as a code each client words in its officers'
 * language. Every cause belongs to exactly one outcome ({@link DecisionCauses}).
 */
public record DecisionResult(
    Outcome outcome,
    List<Measure> measures,
    List<Reason> reasons,
    Color color,
    RiskLevel itineraryRisk,
    boolean offline,
    String explanation,
    DecisionCause cause) {

  public DecisionResult {
    Objects.requireNonNull(outcome, "outcome");
    measures = sorted(measures);
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(itineraryRisk, "itineraryRisk");
    Objects.requireNonNull(explanation, "explanation");
    Objects.requireNonNull(cause, "cause");
    if (DecisionCauses.outcomeOf(cause) != outcome) {
      throw new IllegalArgumentException(
          "cause: " + cause + " (expected: a cause of " + outcome + ")");
    }
    if (outcome == Outcome.OUTCOME_MANUAL_VERIFICATION
        && !measures.contains(Measure.MEASURE_MANUAL_CHECK)) {
      throw new IllegalArgumentException(
          "measures: " + measures + " (expected: MANUAL_CHECK with MANUAL_VERIFICATION)");
    }
  }

  private static List<Measure> sorted(Collection<Measure> measures) {
    EnumSet<Measure> set = EnumSet.noneOf(Measure.class);
    set.addAll(measures);
    return List.copyOf(set);
  }
}
