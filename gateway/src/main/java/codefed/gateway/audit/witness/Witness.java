package codefed.gateway.audit.witness;

import codefed.gateway.audit.CheckpointSignatures;
import codefed.gateway.audit.Checkpoints;
import codefed.gateway.audit.VerificationFailure;
import codefed.gateway.audit.signing.AuditCertificates;
import codefed.gateway.audit.signing.AuditKey;
import codefed.merkle.MerkleProofs;
import codefed.merkle.ProofException;
import codefed.signing.SignatureVerificationException;
import codefed.signing.SigningDomain;
import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.Checkpoint;
import healthcode.federation.v1.SignedCheckpoint;
import healthcode.witness.v1.Cosignature;
import healthcode.witness.v1.WitnessedCheckpoint;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A witness: takes a gateway's newest signed checkpoint, checks the signature against the
 * CA-certified audit key, checks it extends the last one it holds (RFC 9162 consistency proof),
 * cosigns it and keeps it. A checkpoint that shrinks the tree, forks it or cannot be proved
 * consistent is refused and alarmed (log line, {@code refusals.log}, counter); the old one stays.
 */
public final class Witness {
  private static final Logger LOG = Logger.getLogger(Witness.class.getName());

  /** What one observation did. */
  public enum Result {
    ACCEPTED,
    UNCHANGED,
    REFUSED
  }

  /** One observation: what happened and why (for refusals). */
  public record Observation(Result result, String gateway, long treeSize, String message) {}

  private final String identity;
  private final AuditKey key;
  private final AuditCertificates certificates;
  private final WitnessStore store;
  private final Clock clock;
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  /**
   * @param identity the witness's SPIFFE id, written into each cosignature
   * @param key its audit-signing key ({@code certs issue-audit-key auditor NAME})
   */
  public Witness(
      String identity,
      AuditKey key,
      AuditCertificates certificates,
      WitnessStore store,
      Clock clock) {
    this.identity = identity;
    this.key = key;
    this.certificates = certificates;
    this.store = store;
    this.clock = clock;
  }

  /** Pulls and judges the source's newest checkpoint. */
  public Observation observe(CheckpointSource source) throws IOException {
    SignedCheckpoint signed = source.latest();
    Checkpoint cp;
    try {
      cp = Checkpoints.parse(signed);
    } catch (IllegalArgumentException e) {
      return refuse("?", 0, source.name() + ": " + e.getMessage());
    }
    String gateway = cp.getGateway();
    try {
      PublicKey pub = certificates.checkpointKey(signed, cp);
      String expectedId = CheckpointSignatures.keyId(gateway, pub);
      if (!signed.getKeyId().equals(expectedId)) {
        return refuse(
            gateway,
            cp.getTreeSize(),
            "checkpoint signed with key " + signed.getKeyId() + " (expected: " + expectedId + ")");
      }
      CheckpointSignatures.verify(
          pub, signed.getCheckpoint().toByteArray(), signed.getSignature().toByteArray());
    } catch (VerificationFailure | SignatureVerificationException | IllegalArgumentException e) {
      return refuse(
          gateway,
          cp.getTreeSize(),
          "checkpoint of tree size "
              + cp.getTreeSize()
              + " has a bad signature: "
              + e.getMessage());
    }
    Optional<WitnessedCheckpoint> held = store.latest(gateway);
    if (held.isPresent()) {
      Checkpoint old = Checkpoints.parse(held.get().getCheckpoint());
      String problem = inconsistency(source, old, cp);
      if (problem != null) {
        return refuse(gateway, cp.getTreeSize(), problem);
      }
      if (old.getTreeSize() == cp.getTreeSize()) {
        return new Observation(
            Result.UNCHANGED,
            gateway,
            cp.getTreeSize(),
            "tree size " + cp.getTreeSize() + " already cosigned");
      }
    }
    store.store(cosign(signed));
    accepted.incrementAndGet();
    return new Observation(
        Result.ACCEPTED, gateway, cp.getTreeSize(), "cosigned tree size " + cp.getTreeSize());
  }

  /** Null when {@code next} extends {@code old}, else why it does not. */
  private static String inconsistency(CheckpointSource source, Checkpoint old, Checkpoint next)
      throws IOException {
    if (next.getTreeSize() < old.getTreeSize()) {
      return "checkpoint shrinks the log: tree size "
          + next.getTreeSize()
          + " after tree size "
          + old.getTreeSize()
          + " was cosigned (rollback)";
    }
    if (old.getTreeSize() == 0) {
      return null;
    }
    List<byte[]> proof =
        next.getTreeSize() == old.getTreeSize()
            ? List.of()
            : source.consistencyProof(old.getTreeSize(), next.getTreeSize());
    try {
      MerkleProofs.verifyConsistency(
          old.getTreeSize(),
          next.getTreeSize(),
          proof,
          old.getRootHash().toByteArray(),
          next.getRootHash().toByteArray());
      return null;
    } catch (ProofException e) {
      return "checkpoint of tree size "
          + next.getTreeSize()
          + " is not consistent with the cosigned tree size "
          + old.getTreeSize()
          + " (rewritten history or fork): "
          + e.getMessage();
    }
  }

  private WitnessedCheckpoint cosign(SignedCheckpoint signed) {
    Instant now = clock.instant();
    byte[] sig = key.signer().sign(SigningDomain.COSIGNATURE, signed.getCheckpoint().toByteArray());
    return WitnessedCheckpoint.newBuilder()
        .setCheckpoint(signed)
        .setCosignature(
            Cosignature.newBuilder()
                .setWitness(identity)
                .setKeyId(key.signer().keyId())
                .setSignature(ByteString.copyFrom(sig))
                .setCertificate(key.certificateDer()))
        .setWitnessedAt(ProtoTime.timestamp(now))
        .build();
  }

  private Observation refuse(String gateway, long size, String why) throws IOException {
    refused.incrementAndGet();
    String line = clock.instant() + " REFUSED gateway " + gateway + ": " + why;
    LOG.severe("witness: " + line);
    store.recordRefusal(line);
    return new Observation(Result.REFUSED, gateway, size, why);
  }

  public long acceptedCount() {
    return accepted.get();
  }

  public long refusedCount() {
    return refused.get();
  }

  /** Prometheus text of the counters (the witness writes it to {@code witness.prom}). */
  public String metricsText() {
    return "# TYPE codefed_witness_checkpoints_accepted_total counter\n"
        + "codefed_witness_checkpoints_accepted_total "
        + accepted.get()
        + "\n"
        + "# TYPE codefed_witness_checkpoints_refused_total counter\n"
        + "codefed_witness_checkpoints_refused_total "
        + refused.get()
        + "\n";
  }
}
