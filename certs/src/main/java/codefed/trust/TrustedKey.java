package codefed.trust;

import codefed.signing.SignatureVerifier;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.KeyStatus;
import java.time.Instant;

/** One issuer key of a verified trust list, with its verifier built once. */
record TrustedKey(String issuer, IssuerKey key, SignatureVerifier verifier, Instant notBefore,
    Instant notAfter) {

  /**
   * Whether the key may verify at {@code now}: ACTIVE or RETIRED (retired keys sign nothing new
   * but their signatures verify until not_after), and {@code notBefore <= now < notAfter}.
   * {@code now} is the caller's instant, which may be a simulated or historic one.
   */
  void checkUsable(Instant now) throws CodeRejectedException {
    KeyStatus status = key.getStatus();
    if (status != KeyStatus.KEY_STATUS_ACTIVE && status != KeyStatus.KEY_STATUS_RETIRED) {
      throw new CodeRejectedException(RejectionReason.KEY_NOT_VALID,
          "key " + key.getKeyId() + ": " + status);
    }
    if (now.isBefore(notBefore)) {
      throw new CodeRejectedException(RejectionReason.KEY_NOT_VALID,
          "key " + key.getKeyId() + ": not valid before " + notBefore + " (now: " + now + ")");
    }
    if (!now.isBefore(notAfter)) {
      throw new CodeRejectedException(RejectionReason.KEY_NOT_VALID,
          "key " + key.getKeyId() + ": expired at " + notAfter + " (now: " + now + ")");
    }
  }
}
