package codefed.node.changes;

import codefed.node.registry.CodeId;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskLevel;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/** One event of the change stream: a code's new state, color, reasons and itinerary risk. */
public record StatusChange(
    long sequence,
    CodeId codeId,
    CodeState state,
    Color color,
    Set<Reason> reasons,
    RiskLevel itineraryRisk,
    Instant changedAt) {

  public StatusChange {
    if (sequence <= 0) {
      throw new IllegalArgumentException("sequence: " + sequence + " (expected: > 0)");
    }
    Objects.requireNonNull(codeId, "codeId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(itineraryRisk, "itineraryRisk");
    Objects.requireNonNull(changedAt, "changedAt");
    reasons = reasons.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
  }
}
