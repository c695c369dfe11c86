package codefed.trust;

import healthcode.federation.v1.CodePayload;
import java.util.Objects;

/** A code whose signature verified with a valid key of the issuer its payload names. */
public record VerifiedCode(CodePayload payload, String keyId) {
  public VerifiedCode {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(keyId, "keyId");
  }

  /** The issuer named in the payload (and owning the key). */
  public String issuer() {
    return payload.getIssuer();
  }
}
