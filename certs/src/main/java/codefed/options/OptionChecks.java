package codefed.options;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks every options record makes in its constructor, with the project's one message shape:
 * {@code "<name>: <value> (expected: <rule>)"}.
 */
public final class OptionChecks {
  private OptionChecks() {}

  /** A duration above zero. */
  public static void positive(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
    }
  }

  /** A duration of zero or more. */
  public static void notNegative(String name, Duration d) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + ": " + d + " (expected: >= 0)");
    }
  }

  /** A count of one or more. */
  public static void atLeastOne(String name, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(name + ": " + v + " (expected: > 0)");
    }
  }
}
