package codefed.gateway.server;

import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditQueryException;
import codefed.gateway.audit.Checkpoints;
import codefed.gateway.audit.witness.RollbackCheck;
import codefed.gateway.audit.witness.WitnessStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's refusal to serve on a rolled-back log: before opening, a missing or empty audit
 * directory while a witness cosigned this gateway's checkpoints; after opening, a log shorter than
 * or inconsistent with the largest checkpoint any configured witness holds. (The log itself already
 * refuses to open when its own latest checkpoint covers more than it holds.)
 */
final class RollbackGuard {
  private RollbackGuard() {}

  static void checkBeforeOpen(Path auditDir, String gateway, List<Path> witnessDirs)
      throws IOException, GatewayStartException {
    if (witnessDirs.isEmpty() || hasSegments(auditDir)) {
      return;
    }
    Optional<WitnessStore.Witnessed> w = WitnessStore.latestAcross(witnessDirs, gateway);
    if (w.isPresent()) {
      long size = Checkpoints.parse(w.get().checkpoint().getCheckpoint()).getTreeSize();
      if (size > 0) {
        throw new GatewayStartException(
            RollbackCheck.problem(
                        "audit directory " + auditDir + " (missing or empty)",
                        0,
                        n -> new byte[0],
                        w.get())
                    .orElseThrow()
                + "; refusing to start a new log",
            null);
      }
    }
  }

  static void checkOpened(AuditLog log, String gateway, List<Path> witnessDirs)
      throws IOException, GatewayStartException {
    if (witnessDirs.isEmpty()) {
      return;
    }
    Optional<WitnessStore.Witnessed> w = WitnessStore.latestAcross(witnessDirs, gateway);
    if (w.isEmpty()) {
      return;
    }
    Optional<String> problem;
    try {
      problem =
          RollbackCheck.problem(
              "audit log " + log.directory(), log.size(), n -> root(log, n), w.get());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    if (problem.isPresent()) {
      throw new GatewayStartException(problem.get() + "; refusing to serve", null);
    }
  }

  private static byte[] root(AuditLog log, long size) {
    try {
      return log.root(size);
    } catch (AuditQueryException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean hasSegments(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var files = Files.list(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().startsWith("segment-"));
    }
  }
}
