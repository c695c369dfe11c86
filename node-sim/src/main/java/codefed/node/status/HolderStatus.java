package codefed.node.status;

import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskLevel;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the node says about a code at one instant: state, color with its reasons, and the 14-day
 * itinerary with its highest risk level. A revoked code has no color, reasons or itinerary ({@code
 * COLOR_UNSPECIFIED}, empty, {@code RISK_LEVEL_UNSPECIFIED}).
 *
 * @param issuerNote the authority's note when the color is by the province's own criteria (reason
 *     {@code ISSUER_CRITERIA}), else empty
 */
public record HolderStatus(
    CodeState state,
    Color color,
    Set<Reason> reasons,
    List<ItineraryEntry> itinerary,
    RiskLevel itineraryRisk,
    String issuerNote) {

  public HolderStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(itineraryRisk, "itineraryRisk");
    reasons = reasons.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
    itinerary = List.copyOf(itinerary);
    Objects.requireNonNull(issuerNote, "issuerNote");
  }

  /** A status whose color follows from seed 003's reasons (no issuer note). */
  public HolderStatus(
      CodeState state,
      Color color,
      Set<Reason> reasons,
      List<ItineraryEntry> itinerary,
      RiskLevel itineraryRisk) {
    this(state, color, reasons, itinerary, itineraryRisk, "");
  }

  /**
   * Whether a gateway holding {@code other} must learn about this one: state, color, reasons or
   * itinerary risk differ (the fields of a change-stream event), or the issuer's note does (cached
   * signed answers carry it).
   */
  public boolean differsFrom(HolderStatus other) {
    return state != other.state
        || color != other.color
        || !reasons.equals(other.reasons)
        || itineraryRisk != other.itineraryRisk
        || !issuerNote.equals(other.issuerNote);
  }
}
