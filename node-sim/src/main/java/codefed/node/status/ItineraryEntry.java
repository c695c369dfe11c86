package codefed.node.status;

import healthcode.federation.v1.RiskLevel;
import java.time.Instant;
import java.util.Objects;

/** One visit of the 14-day itinerary with the area's risk level at evaluation time. */
public record ItineraryEntry(
    String areaCode, String areaName, RiskLevel riskLevel, Instant visitedAt) {
  public ItineraryEntry {
    Objects.requireNonNull(areaCode, "areaCode");
    Objects.requireNonNull(areaName, "areaName");
    Objects.requireNonNull(riskLevel, "riskLevel");
    Objects.requireNonNull(visitedAt, "visitedAt");
  }
}
