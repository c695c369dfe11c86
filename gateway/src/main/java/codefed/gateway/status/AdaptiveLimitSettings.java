package codefed.gateway.status;

import static codefed.options.OptionChecks.atLeastOne;

/**
 * Bounds of an issuer's adaptive in-flight limit: it starts at {@code max} and moves between the
 * two as the node's round trips grow and shrink (see {@link AdaptiveConcurrencyLimit}).
 *
 * @param min the limit never goes below this, however slow the node gets
 * @param max the limit never goes above this; the starting value
 */
public record AdaptiveLimitSettings(int min, int max) {
  /**
   * The floor {@link #upTo} uses: low enough to relieve a slow node, high enough to keep it busy.
   */
  static final int DEFAULT_MIN = 4;

  public AdaptiveLimitSettings {
    atLeastOne("adaptive limit min", min);
    if (max < min) {
      throw new IllegalArgumentException(
          "adaptive limit max: " + max + " (expected: >= min " + min + ")");
    }
  }

  /** Up to {@code max}, with a floor of {@value #DEFAULT_MIN} (or {@code max} if lower). */
  public static AdaptiveLimitSettings upTo(int max) {
    atLeastOne("adaptive limit max", max);
    return new AdaptiveLimitSettings(Math.min(DEFAULT_MIN, max), max);
  }
}
