package codefed.gateway.audit.witness;

import codefed.gateway.audit.CheckpointSignatures;
import codefed.gateway.audit.Checkpoints;
import codefed.gateway.audit.VerificationFailure;
import codefed.gateway.audit.signing.AuditCertificates;
import codefed.signing.SignatureVerificationException;
import codefed.signing.SignatureVerifier;
import codefed.signing.SigningDomain;
import healthcode.federation.v1.Checkpoint;
import healthcode.witness.v1.WitnessedCheckpoint;
import java.security.PublicKey;

/**
 * Checks a stored witnessed checkpoint before an auditor relies on it: the gateway's signature
 * (CA-certified audit key) and the witness's cosignature (CA-certified key of an auditor), so a
 * state file edited to show a smaller tree cannot hide a rollback.
 */
public final class Cosignatures {
  private Cosignatures() {}

  public static void verify(WitnessedCheckpoint w, AuditCertificates certificates)
      throws VerificationFailure {
    Checkpoint cp = Checkpoints.parse(w.getCheckpoint());
    byte[] bytes = w.getCheckpoint().getCheckpoint().toByteArray();
    try {
      PublicKey gateway = certificates.checkpointKey(w.getCheckpoint(), cp);
      CheckpointSignatures.verify(gateway, bytes, w.getCheckpoint().getSignature().toByteArray());
    } catch (SignatureVerificationException e) {
      throw new VerificationFailure(
          "gateway "
              + cp.getGateway()
              + "'s signature on the witnessed checkpoint: "
              + e.getMessage(),
          e);
    }
    try {
      PublicKey witness = certificates.witnessKey(w.getCosignature().getCertificate());
      SignatureVerifier.of(CheckpointSignatures.ALGORITHM, witness)
          .verify(
              SigningDomain.COSIGNATURE, bytes, w.getCosignature().getSignature().toByteArray());
    } catch (SignatureVerificationException e) {
      throw new VerificationFailure(
          "cosignature of " + w.getCosignature().getWitness() + ": " + e.getMessage(), e);
    }
  }
}
