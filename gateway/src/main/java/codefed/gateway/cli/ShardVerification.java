package codefed.gateway.cli;

import codefed.gateway.audit.LogVerifier;
import codefed.gateway.audit.witness.WitnessedLogCheck;
import codefed.threads.DaemonThreads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Verifies several shards side by side: one coordinating thread per shard (at most a few), all of
 * them feeding record chunks to one pool of checking threads, results kept in shard order.
 */
final class ShardVerification {
  /** Shards whose files are read and reduced at the same time (each holds a segment in memory). */
  static final int MAX_SHARDS_AT_ONCE = 4;

  /** One shard's verification. */
  record Result(
      Path dir,
      Optional<LogVerifier.VerifiedPoint> from,
      LogVerifier.Outcome outcome,
      WitnessedLogCheck.Outcome witness) {}

  /** Verifies one shard with records checked on {@code pool}. */
  @FunctionalInterface
  interface Task {
    Result verify(Path dir, ExecutorService pool) throws Exception;
  }

  private ShardVerification() {}

  static List<Result> all(List<Path> dirs, int threads, Task task) throws Exception {
    ExecutorService pool =
        Executors.newFixedThreadPool(threads, DaemonThreads.numbered("audit-verify"));
    ExecutorService shards =
        Executors.newFixedThreadPool(
            Math.min(MAX_SHARDS_AT_ONCE, dirs.size()), DaemonThreads.numbered("audit-shard"));
    try {
      List<Future<Result>> futures = new ArrayList<>();
      for (Path dir : dirs) {
        futures.add(shards.submit(() -> task.verify(dir, pool)));
      }
      List<Result> out = new ArrayList<>();
      for (Future<Result> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          if (e.getCause() instanceof Exception cause) {
            throw cause;
          }
          throw new IOException(e.getCause());
        }
      }
      return out;
    } finally {
      shards.shutdownNow();
      pool.shutdownNow();
    }
  }
}
