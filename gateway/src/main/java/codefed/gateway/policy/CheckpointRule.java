package codefed.gateway.policy;

import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Measure;
import java.util.Objects;
import java.util.Set;

/**
 * What a policy adds at one kind of checkpoint: {@code DENY_ENTRY} for red and yellow codes (seed
 * 004, never at MEDICAL) and measures added to every decision there.
 */
public record CheckpointRule(CheckpointType type, boolean denyEntryRedYellow, Set<Measure> always) {
  public CheckpointRule {
    Objects.requireNonNull(type, "type");
    always = Set.copyOf(always);
    if (denyEntryRedYellow && type == CheckpointType.CHECKPOINT_TYPE_MEDICAL) {
      throw new IllegalArgumentException(
          "deny_entry_red_yellow: true at MEDICAL (expected: false)");
    }
  }

  /** A checkpoint type the policy says nothing about. */
  public static CheckpointRule none(CheckpointType type) {
    return new CheckpointRule(type, false, Set.of());
  }
}
