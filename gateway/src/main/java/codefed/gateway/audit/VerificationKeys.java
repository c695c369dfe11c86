package codefed.gateway.audit;

import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.security.PublicKey;
import java.time.Instant;

/**
 * What the verifier trusts, kept apart from the log: the gateway's checkpoint key and the
 * federation's issuer keys (the PKI directory and trust list in production).
 */
public interface VerificationKeys {
  /** The checkpoint-signing key of the named gateway. */
  PublicKey checkpointKey(String gateway) throws VerificationFailure;

  /**
   * The key that must have signed {@code signed}: by default the named gateway's key; a PKI
   * validates the audit-signing certificate the checkpoint carries against the CA.
   */
  default PublicKey checkpointKey(
      healthcode.federation.v1.SignedCheckpoint signed, healthcode.federation.v1.Checkpoint cp)
      throws VerificationFailure {
    return checkpointKey(cp.getGateway());
  }

  /**
   * Throws unless the assertion is signed by one of {@code issuer}'s keys valid at {@code at};
   * returns the assertion parsed from the signed bytes, so that callers need not parse it again.
   */
  StatusAssertion checkAssertion(SignedAssertion assertion, String issuer, Instant at)
      throws VerificationFailure;
}
