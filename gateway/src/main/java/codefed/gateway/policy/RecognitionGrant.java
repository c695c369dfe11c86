package codefed.gateway.policy;

import java.time.Instant;
import java.util.Objects;

/**
 * Codes of {@code issuer} are recognized from {@code from} on. The issuer {@link #ALL_PROVINCES}
 * stands for every province, never the national platform, which is listed by name.
 */
public record RecognitionGrant(String issuer, Instant from) {
  public static final String ALL_PROVINCES = "*";

  public RecognitionGrant {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(from, "from");
  }

  boolean covers(String candidate, Instant at) {
    return at.compareTo(from) >= 0 && PolicyIssuers.matches(issuer, candidate);
  }
}
