package codefed.gateway.recognition;

import healthcode.federation.v1.CodePayload;
import java.util.Objects;

/** A code payload whose issuer signature verified, and the id of the key that signed it. */
public record VerifiedPayload(CodePayload payload, String keyId) {
  public VerifiedPayload {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(keyId, "keyId");
  }
}
