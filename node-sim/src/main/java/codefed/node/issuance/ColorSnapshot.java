package codefed.node.issuance;

import healthcode.federation.v1.Color;
import java.time.Instant;
import java.util.Objects;

/** The color shown in a code for offline decisions, as the issuer knew it at {@code asOf}. */
public record ColorSnapshot(Color color, Instant asOf) {
  public ColorSnapshot {
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(asOf, "asOf");
    if (color == Color.COLOR_UNSPECIFIED || color == Color.UNRECOGNIZED) {
      throw new IllegalArgumentException("color: " + color + " (expected: GREEN, YELLOW or RED)");
    }
  }
}
