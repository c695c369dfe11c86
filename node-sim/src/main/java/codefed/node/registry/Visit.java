package codefed.node.registry;

import java.time.Instant;
import java.util.Objects;

/** A dated visit to an area reported by the telecom itinerary service (seed 000). */
public record Visit(String areaCode, Instant visitedAt) {
  public Visit {
    Objects.requireNonNull(areaCode, "areaCode");
    Objects.requireNonNull(visitedAt, "visitedAt");
    if (areaCode.isBlank()) {
      throw new IllegalArgumentException("area_code: blank (expected: an area code)");
    }
  }
}
