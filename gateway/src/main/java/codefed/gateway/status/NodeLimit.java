package codefed.gateway.status;

import java.util.Locale;
import java.util.Optional;

/**
 * Which algorithm sets each issuer's in-flight limit, as command lines name it: {@code fixed} (the
 * bulkhead size, the default) or {@code adaptive} (learnt from the node's round trips, up to the
 * bulkhead size; see {@link AdaptiveConcurrencyLimit}).
 */
public enum NodeLimit {
  FIXED,
  ADAPTIVE;

  /** The name on a command line: {@code fixed} or {@code adaptive}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException not {@code fixed} or {@code adaptive}, with the value named
   */
  public static NodeLimit parse(String label) {
    for (NodeLimit n : values()) {
      if (n.label().equals(label)) {
        return n;
      }
    }
    throw new IllegalArgumentException("node limit: " + label + " (expected: fixed or adaptive)");
  }

  /**
   * The options with this algorithm: adaptive between {@link AdaptiveLimitSettings#upTo} the
   * options' {@code maxConcurrentCalls}, or fixed at it.
   */
  public StatusSourceOptions applyTo(StatusSourceOptions options) {
    return options.withAdaptiveLimit(
        this == ADAPTIVE
            ? Optional.of(AdaptiveLimitSettings.upTo(options.maxConcurrentCalls()))
            : Optional.empty());
  }
}
