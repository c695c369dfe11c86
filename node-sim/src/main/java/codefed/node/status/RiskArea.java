package codefed.node.status;

import healthcode.federation.v1.RiskLevel;
import java.util.Objects;

/** An area and its epidemic risk level as set by the platform (seed 000). */
public record RiskArea(String areaCode, String areaName, RiskLevel level) {
  public RiskArea {
    Objects.requireNonNull(areaCode, "areaCode");
    Objects.requireNonNull(areaName, "areaName");
    Objects.requireNonNull(level, "level");
    if (areaCode.isBlank()) {
      throw new IllegalArgumentException("area_code: blank (expected: an area code)");
    }
    if (level == RiskLevel.RISK_LEVEL_UNSPECIFIED || level == RiskLevel.UNRECOGNIZED) {
      throw new IllegalArgumentException("level: " + level + " (expected: LOW, MEDIUM or HIGH)");
    }
  }
}
