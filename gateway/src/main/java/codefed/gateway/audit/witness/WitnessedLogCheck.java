package codefed.gateway.audit.witness;

import codefed.gateway.audit.Checkpoints;
import codefed.gateway.audit.LogSnapshot;
import codefed.gateway.audit.VerificationFailure;
import codefed.gateway.audit.signing.AuditCertificates;
import healthcode.federation.v1.SignedCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The auditor's rollback check ({@code audit verify --witness}): a log directory on disk against
 * the largest checkpoint any of the witnesses cosigned for its gateway, after checking the
 * gateway's signature and the cosignature on it. A missing directory counts as an empty log.
 */
public final class WitnessedLogCheck {
  private WitnessedLogCheck() {}

  /**
   * The result: the problem if any, else what was compared.
   *
   * @param witnessed the tree size and root the witnesses cosigned (when one did and it was
   *     trusted)
   */
  public record Outcome(Optional<String> problem, String summary, Optional<Witnessed> witnessed) {
    public Outcome(Optional<String> problem, String summary) {
      this(problem, summary, Optional.empty());
    }
  }

  /** A cosigned tree: its size and root. */
  public record Witnessed(long treeSize, byte[] root) {}

  /**
   * @param gateway the log's gateway, or null to take it from the log's checkpoints (or the only
   *     gateway the witnesses hold)
   */
  public static Outcome check(
      Path logDir, String gateway, List<Path> witnessDirs, AuditCertificates certificates)
      throws IOException {
    boolean exists = Files.isDirectory(logDir);
    LogSnapshot log = exists ? LogSnapshot.read(logDir, -1) : null;
    String name = gateway != null ? gateway : gatewayOf(log, witnessDirs);
    Optional<WitnessStore.Witnessed> w = WitnessStore.latestAcross(witnessDirs, name);
    if (w.isEmpty()) {
      return new Outcome(Optional.empty(), "no witness holds a checkpoint of gateway " + name);
    }
    try {
      Cosignatures.verify(w.get().checkpoint(), certificates);
    } catch (VerificationFailure e) {
      return new Outcome(
          Optional.of("witness state " + w.get().stateDir() + " not trusted: " + e.getMessage()),
          "");
    }
    String what = exists ? "log " + logDir : "log " + logDir + " (missing)";
    Optional<String> problem =
        RollbackCheck.problem(what, exists ? log.size() : 0, n -> log.tree().root(n), w.get());
    healthcode.federation.v1.Checkpoint cp =
        Checkpoints.parse(w.get().checkpoint().getCheckpoint());
    long size = cp.getTreeSize();
    return new Outcome(
        problem,
        "extends the tree of size "
            + size
            + " cosigned by "
            + w.get().checkpoint().getCosignature().getWitness(),
        Optional.of(new Witnessed(size, cp.getRootHash().toByteArray())));
  }

  private static String gatewayOf(LogSnapshot log, List<Path> witnessDirs) throws IOException {
    if (log != null && !log.checkpoints().isEmpty()) {
      SignedCheckpoint last = log.checkpoints().get(log.checkpoints().size() - 1);
      return Checkpoints.parse(last).getGateway();
    }
    Set<String> held = new LinkedHashSet<>();
    for (Path d : witnessDirs) {
      held.addAll(new WitnessStore(d).gateways());
    }
    if (held.size() == 1) {
      return held.iterator().next();
    }
    throw new IOException(
        "cannot tell which gateway the log belongs to (no checkpoint in it; witnesses hold "
            + held
            + "): name it with --gateway");
  }
}
