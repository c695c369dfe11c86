package codefed.node;

import codefed.node.status.RiskArea;
import healthcode.federation.v1.RiskLevel;
import java.util.List;

/**
 * Node-defined areas with a fixed risk level ({@code R-LOW}, {@code R-MEDIUM}, {@code R-HIGH}), so
 * drills can give a holder an itinerary of a given risk without touching real counties.
 */
final class SyntheticAreas {
  private SyntheticAreas() {}

  static String codeFor(RiskLevel level) {
    return switch (level) {
      case RISK_LEVEL_LOW -> "R-LOW";
      case RISK_LEVEL_MEDIUM -> "R-MEDIUM";
      case RISK_LEVEL_HIGH -> "R-HIGH";
      default ->
          throw new IllegalArgumentException(
              "level: "
                  + level
                  + " (expected: RISK_LEVEL_LOW, RISK_LEVEL_MEDIUM or RISK_LEVEL_HIGH)");
    };
  }

  static List<RiskArea> all() {
    return List.of(
        new RiskArea("R-LOW", "drill area (low risk)", RiskLevel.RISK_LEVEL_LOW),
        new RiskArea("R-MEDIUM", "drill area (medium risk)", RiskLevel.RISK_LEVEL_MEDIUM),
        new RiskArea("R-HIGH", "drill area (high risk)", RiskLevel.RISK_LEVEL_HIGH));
  }
}
