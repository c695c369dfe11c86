package codefed.trust;

import codefed.signing.SignatureVerifier;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.KeyStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * One issuer key of a verified trust list, with its verifier built once and its lifecycle instants
 * parsed once.
 *
 * @param retiredAt when the key stopped signing (RETIRED; REVOKED keys retired before)
 * @param compromisedSince REVOKED only: signatures made at or after it are refused
 */
record TrustedKey(
    String issuer,
    IssuerKey key,
    SignatureVerifier verifier,
    Instant notBefore,
    Instant notAfter,
    Optional<Instant> retiredAt,
    Optional<Instant> compromisedSince) {

  /**
   * The checks that need only the verifying instant: {@code notBefore <= now < notAfter}, and a
   * REVOKED key without a compromise instant never verifies. {@code now} is the caller's instant,
   * which may be a simulated or historic one.
   */
  void checkUsable(Instant now) throws CodeRejectedException {
    if (key.getStatus() == KeyStatus.KEY_STATUS_REVOKED && compromisedSince.isEmpty()) {
      throw new CodeRejectedException(
          RejectionReason.KEY_NOT_VALID, "key " + key.getKeyId() + ": revoked");
    }
    if (now.isBefore(notBefore)) {
      throw new CodeRejectedException(
          RejectionReason.KEY_NOT_VALID,
          "key " + key.getKeyId() + ": not valid before " + notBefore + " (now: " + now + ")");
    }
    if (!now.isBefore(notAfter)) {
      throw new CodeRejectedException(
          RejectionReason.KEY_NOT_VALID,
          "key " + key.getKeyId() + ": expired at " + notAfter + " (now: " + now + ")");
    }
  }

  /**
   * The checks on the instant the signed bytes claim they were made at (read only after the
   * signature verified): a retired key verifies what it signed before {@code retiredAt}; a revoked
   * key what it signed before {@code compromisedSince}. An ACTIVE key accepts any.
   */
  void checkSignedAt(Instant signedAt) throws CodeRejectedException {
    if (key.getStatus() == KeyStatus.KEY_STATUS_REVOKED) {
      Instant compromised = compromisedSince.orElseThrow();
      if (!signedAt.isBefore(compromised)) {
        throw new CodeRejectedException(
            RejectionReason.KEY_COMPROMISED,
            "key "
                + key.getKeyId()
                + ": compromised since "
                + compromised
                + " (signed at "
                + signedAt
                + ")");
      }
    }
    if (retiredAt.isPresent() && !signedAt.isBefore(retiredAt.get())) {
      throw new CodeRejectedException(
          RejectionReason.KEY_NOT_VALID,
          "key "
              + key.getKeyId()
              + ": retired at "
              + retiredAt.get()
              + " (signed at "
              + signedAt
              + ")");
    }
  }
}
