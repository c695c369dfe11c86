package codefed.node.issuance;

import codefed.node.registry.CodeId;
import codefed.node.status.HolderStatus;
import healthcode.federation.v1.SignedCode;
import java.time.Instant;

/**
 * A code the node just issued: the QR text to render, the signed code it encodes, and the holder's
 * status right after issue.
 */
public record IssuedCode(
    CodeId codeId,
    String qrText,
    SignedCode signedCode,
    HolderStatus status,
    Instant issuedAt,
    Instant expiresAt) {

  @Override
  public String toString() {
    return "IssuedCode[" + codeId + ", color=" + status.color() + ", expiresAt=" + expiresAt + "]";
  }
}
