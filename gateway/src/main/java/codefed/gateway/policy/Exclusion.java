package codefed.gateway.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** Codes of {@code issuer} are not recognized within [from, until); open-ended without until. */
public record Exclusion(String issuer, Instant from, Optional<Instant> until, String reason) {
  public Exclusion {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(until, "until");
    Objects.requireNonNull(reason, "reason");
    if (until.isPresent() && !until.get().isAfter(from)) {
      throw new IllegalArgumentException(
          "until: " + until.get() + " (expected: > from " + from + ")");
    }
  }

  boolean covers(String candidate, Instant at) {
    return at.compareTo(from) >= 0
        && until.map(at::isBefore).orElse(true)
        && PolicyIssuers.matches(issuer, candidate);
  }
}
