package codefed.node.status;

import codefed.node.registry.CodeRecord;
import codefed.node.registry.Visit;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Derives a code's {@link HolderStatus} from its record, the risk-area table and the time.
 *
 * <p>Reasons = declared reasons ∪ authority findings ∪ reasons from the declared origin areas (HIGH
 * → {@code FROM_KEY_EPIDEMIC_AREA}, MEDIUM → {@code FROM_HIGHER_RISK_COUNTY}). Itinerary visits
 * (seed 000) never change the color: they give the itinerary of the last 14 days and its highest
 * risk level, which a gateway's policy may act on. A color set by the province's own criteria
 * ({@link IssuerColor}) replaces all of that: that color, the single reason {@code ISSUER_CRITERIA}
 * and the authority's note.
 */
public final class StatusEvaluator {
  /** Seed 000: "加载近14天行程信息". */
  public static final Duration ITINERARY_WINDOW = Duration.ofDays(14);

  private StatusEvaluator() {}

  /** The status of this code at {@code now}. */
  public static HolderStatus evaluate(CodeRecord record, RiskAreas areas, Instant now) {
    if (record.revoked()) {
      return new HolderStatus(
          CodeState.CODE_STATE_REVOKED,
          Color.COLOR_UNSPECIFIED,
          Set.of(),
          List.of(),
          RiskLevel.RISK_LEVEL_UNSPECIFIED);
    }
    List<ItineraryEntry> itinerary = itinerary(record.visits(), areas, now);
    RiskLevel risk = RiskLevel.RISK_LEVEL_UNSPECIFIED;
    for (ItineraryEntry entry : itinerary) {
      risk = RiskAreas.max(risk, entry.riskLevel());
    }
    if (record.issuerColor().isPresent()) {
      IssuerColor own = record.issuerColor().get();
      return new HolderStatus(
          CodeState.CODE_STATE_ACTIVE,
          own.color(),
          Set.of(Reason.REASON_ISSUER_CRITERIA),
          itinerary,
          risk,
          own.note());
    }
    Set<Reason> reasons = EnumSet.noneOf(Reason.class);
    reasons.addAll(record.declaredReasons());
    reasons.addAll(record.findings());
    reasons.addAll(originReasons(record.originAreas(), areas));
    return new HolderStatus(
        CodeState.CODE_STATE_ACTIVE, ColorRules.colorOf(reasons), reasons, itinerary, risk);
  }

  /** Reasons that follow from where the holder declared travelling from or through. */
  static Set<Reason> originReasons(List<String> originAreas, RiskAreas areas) {
    Set<Reason> reasons = EnumSet.noneOf(Reason.class);
    for (String area : originAreas) {
      switch (areas.levelOf(area)) {
        case RISK_LEVEL_HIGH -> reasons.add(Reason.REASON_FROM_KEY_EPIDEMIC_AREA);
        case RISK_LEVEL_MEDIUM -> reasons.add(Reason.REASON_FROM_HIGHER_RISK_COUNTY);
        default -> {}
      }
    }
    return reasons;
  }

  /** Visits in (now − 14 days, now], oldest first, with their current risk levels. */
  static List<ItineraryEntry> itinerary(List<Visit> visits, RiskAreas areas, Instant now) {
    Instant from = now.minus(ITINERARY_WINDOW);
    List<ItineraryEntry> entries = new ArrayList<>();
    for (Visit visit : visits) {
      if (visit.visitedAt().isAfter(from) && !visit.visitedAt().isAfter(now)) {
        entries.add(
            new ItineraryEntry(
                visit.areaCode(),
                areas.nameOf(visit.areaCode()),
                areas.levelOf(visit.areaCode()),
                visit.visitedAt()));
      }
    }
    entries.sort(Comparator.comparing(ItineraryEntry::visitedAt));
    return entries;
  }
}
