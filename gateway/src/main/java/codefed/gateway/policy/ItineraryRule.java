package codefed.gateway.policy;

import healthcode.federation.v1.RiskLevel;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Whether visits in the last {@code window} to an area of one of {@code controlLevels} put the
 * holder under control (seed 000). A disabled rule never fires.
 */
public record ItineraryRule(boolean enabled, Duration window, Set<RiskLevel> controlLevels) {
  public static final ItineraryRule DISABLED =
      new ItineraryRule(false, Duration.ZERO, EnumSet.noneOf(RiskLevel.class));

  public ItineraryRule {
    Objects.requireNonNull(window, "window");
    controlLevels = Set.copyOf(controlLevels);
    if (enabled && (window.isNegative() || window.isZero())) {
      throw new IllegalArgumentException("window: " + window + " (expected: > 0)");
    }
    if (enabled && controlLevels.isEmpty()) {
      throw new IllegalArgumentException("control_levels: empty (expected: at least one level)");
    }
  }

  /** Whether a visit at this risk level triggers the rule. */
  public boolean controls(RiskLevel level) {
    return enabled && controlLevels.contains(level);
  }
}
