package codefed.gateway.audit.receipt;

import codefed.gateway.audit.CheckpointSignatures;
import codefed.gateway.audit.Checkpoints;
import codefed.gateway.audit.LogSnapshot;
import codefed.gateway.audit.VerificationFailure;
import codefed.gateway.audit.signing.AuditCertificates;
import codefed.gateway.audit.witness.Cosignatures;
import codefed.gateway.audit.witness.WitnessStore;
import codefed.merkle.MerkleHasher;
import codefed.merkle.MerkleProofs;
import codefed.merkle.ProofException;
import codefed.signing.SignatureVerificationException;
import codefed.signing.SignatureVerifier;
import codefed.signing.SigningDomain;
import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.Checkpoint;
import healthcode.federation.v1.Receipt;
import healthcode.federation.v1.SignedCheckpoint;
import healthcode.federation.v1.SignedReceipt;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Proves a receipt: its signature is the gateway's CA-certified audit key's, the record it names is
 * in the log with exactly the receipted leaf hash, and an RFC 9162 inclusion proof leads from it to
 * the root of a signed checkpoint — the latest one a witness cosigned when witness state is given,
 * else the log's own latest. Any failure throws {@link ProofFailure} saying which.
 */
public final class ReceiptProof {
  private ReceiptProof() {}

  /** Why a receipt could not be proved. */
  public static final class ProofFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ProofFailure(String message) {
      super(message);
    }
  }

  /** Returns a one-line description of what was proved. */
  public static String prove(
      SignedReceipt signed, Path logDir, AuditCertificates certificates, List<Path> witnessDirs)
      throws ProofFailure, IOException {
    Receipt receipt;
    try {
      receipt = Receipt.parseFrom(signed.getReceipt());
    } catch (InvalidProtocolBufferException e) {
      throw new ProofFailure("receipt unreadable: not a serialized Receipt");
    }
    long seq = receipt.getSequence();
    LogSnapshot log = LogSnapshot.read(logDir, seq);
    Optional<WitnessStore.Witnessed> witnessed =
        witnessDirs.isEmpty()
            ? Optional.empty()
            : WitnessStore.latestAcross(witnessDirs, receipt.getGateway());
    List<SignedCheckpoint> known = new ArrayList<>(log.checkpoints());
    witnessed.ifPresent(w -> known.add(w.checkpoint().getCheckpoint()));
    try {
      PublicKey key = certificates.receiptKey(receipt.getGateway(), receipt.getKeyId(), known);
      SignatureVerifier.of(CheckpointSignatures.ALGORITHM, key)
          .verify(
              SigningDomain.RECEIPT,
              signed.getReceipt().toByteArray(),
              signed.getSignature().toByteArray());
    } catch (VerificationFailure | SignatureVerificationException e) {
      throw new ProofFailure(
          "receipt signature invalid (receipt altered, or not signed by gateway "
              + receipt.getGateway()
              + "'s audit key): "
              + e.getMessage());
    }
    if (witnessDirs.size() > 0 && witnessed.isEmpty()) {
      throw new ProofFailure(
          "no witness in "
              + witnessDirs
              + " holds a checkpoint of gateway "
              + receipt.getGateway());
    }
    if (witnessed.isPresent()) {
      try {
        Cosignatures.verify(witnessed.get().checkpoint(), certificates);
      } catch (VerificationFailure e) {
        throw new ProofFailure(
            "witness state " + witnessed.get().stateDir() + " not trusted: " + e.getMessage());
      }
    }
    SignedCheckpoint anchor =
        witnessed
            .map(w -> w.checkpoint().getCheckpoint())
            .orElseGet(
                () ->
                    log.checkpoints().isEmpty()
                        ? null
                        : log.checkpoints().get(log.checkpoints().size() - 1));
    if (anchor == null) {
      throw new ProofFailure("the log has no checkpoint to prove against");
    }
    Checkpoint cp = checkedCheckpoint(anchor, certificates);
    String anchorName =
        (witnessed.isPresent()
                ? "checkpoint cosigned by "
                    + witnessed.get().checkpoint().getCosignature().getWitness()
                : "the log's latest checkpoint")
            + " (tree size "
            + cp.getTreeSize()
            + ")";
    if (seq < 0 || seq >= cp.getTreeSize()) {
      throw new ProofFailure("record " + seq + " is not covered by " + anchorName + " yet");
    }
    byte[] record =
        log.wantedRecord()
            .orElseThrow(
                () ->
                    new ProofFailure(
                        "record "
                            + seq
                            + " is missing from the log (it holds "
                            + log.size()
                            + " records)"));
    if (!MessageDigest.isEqual(
        MerkleHasher.leafHash(record, 0, record.length), receipt.getLeafHash().toByteArray())) {
      throw new ProofFailure(
          "record " + seq + " in the log does not match the receipt's leaf hash (record altered)");
    }
    if (log.size() < cp.getTreeSize()) {
      throw new ProofFailure(
          "rollback: the log holds " + log.size() + " records but " + anchorName + " covers more");
    }
    try {
      MerkleProofs.verifyInclusion(
          seq,
          cp.getTreeSize(),
          receipt.getLeafHash().toByteArray(),
          log.tree().inclusionProof(seq, cp.getTreeSize()),
          cp.getRootHash().toByteArray());
    } catch (ProofException e) {
      throw new ProofFailure(
          "record "
              + seq
              + " is not included in "
              + anchorName
              + ": "
              + e.getMessage()
              + " (records altered after the checkpoint)");
    }
    Instant at =
        Instant.ofEpochSecond(receipt.getTime().getSeconds(), receipt.getTime().getNanos());
    return "OK: receipt of record "
        + seq
        + " (gateway "
        + receipt.getGateway()
        + ", "
        + at
        + ") is included in "
        + anchorName;
  }

  private static Checkpoint checkedCheckpoint(
      SignedCheckpoint anchor, AuditCertificates certificates) throws ProofFailure {
    Checkpoint cp = Checkpoints.parse(anchor);
    try {
      PublicKey key = certificates.checkpointKey(anchor, cp);
      CheckpointSignatures.verify(
          key, anchor.getCheckpoint().toByteArray(), anchor.getSignature().toByteArray());
      return cp;
    } catch (VerificationFailure | SignatureVerificationException e) {
      throw new ProofFailure(
          "checkpoint of tree size "
              + cp.getTreeSize()
              + " has a bad signature: "
              + e.getMessage());
    }
  }
}
