package codefed.gateway.audit.witness;

import codefed.gateway.audit.Checkpoints;
import healthcode.federation.v1.Checkpoint;
import healthcode.witness.v1.WitnessedCheckpoint;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * Compares a log with what a witness cosigned: a log shorter than the witnessed tree, or whose
 * first records do not hash to the witnessed root, has been rolled back (or forked). Shared by the
 * gateway's start and {@code audit verify --witness}.
 */
public final class RollbackCheck {
  private RollbackCheck() {}

  /**
   * Why the log ({@code logSize} records, {@code rootOf} its prefix roots) does not extend the
   * witnessed checkpoint, or empty when it does.
   */
  public static Optional<String> problem(
      String what, long logSize, LongFunction<byte[]> rootOf, WitnessStore.Witnessed witnessed) {
    WitnessedCheckpoint w = witnessed.checkpoint();
    Checkpoint cp = Checkpoints.parse(w.getCheckpoint());
    String by =
        "witness "
            + w.getCosignature().getWitness()
            + " ("
            + witnessed.stateDir()
            + ") cosigned tree size "
            + cp.getTreeSize()
            + " of gateway "
            + cp.getGateway()
            + " at "
            + Instant.ofEpochSecond(w.getWitnessedAt().getSeconds(), w.getWitnessedAt().getNanos());
    if (logSize < cp.getTreeSize()) {
      return Optional.of(
          "rollback: "
              + what
              + " has "
              + logSize
              + " records but "
              + by
              + " ("
              + (cp.getTreeSize() - logSize)
              + " witnessed records missing)");
    }
    if (cp.getTreeSize() > 0
        && !MessageDigest.isEqual(rootOf.apply(cp.getTreeSize()), cp.getRootHash().toByteArray())) {
      return Optional.of(
          "rollback: the first "
              + cp.getTreeSize()
              + " records of "
              + what
              + " do not match the tree "
              + by
              + " (history rewritten or forked)");
    }
    return Optional.empty();
  }
}
