package codefed.gateway.recognition;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The answer to a scan: the decision, what the officer compares with the person (masked name and ID
 * number), the policy version it was made under, the audit receipt, and when the issuer asserted
 * the status it went by (none when no answer of the issuer was used).
 */
public record RecognitionAnswer(
    DecisionResult result,
    String issuer,
    String maskedName,
    String maskedIdNumber,
    boolean proxyDeclared,
    String policyVersion,
    boolean fromCache,
    long auditSequence,
    Instant decidedAt,
    Optional<Instant> statusAssertedAt) {

  public RecognitionAnswer {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(maskedName, "maskedName");
    Objects.requireNonNull(maskedIdNumber, "maskedIdNumber");
    Objects.requireNonNull(policyVersion, "policyVersion");
    Objects.requireNonNull(decidedAt, "decidedAt");
    Objects.requireNonNull(statusAssertedAt, "statusAssertedAt");
  }
}
