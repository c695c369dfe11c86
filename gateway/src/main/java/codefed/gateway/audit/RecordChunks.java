package codefed.gateway.audit;

import codefed.gateway.audit.VerificationReport.Problem;
import codefed.merkle.MerkleHasher;
import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.AuditRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The per-record part of {@link LogVerifier}'s work on one segment, split into chunks that run on a
 * pool: parse, sequence, evidence ({@link RecordCheck#verdict}) and leaf hash. Each chunk stops at
 * its first bad record; {@link #reduce} then visits the results in log order, so the first problem
 * reported is the first by sequence, exactly as a sequential check finds it.
 */
final class RecordChunks {
  /** Records per task: large enough to amortize a task, small enough to spread over cores. */
  static final int CHUNK = 512;

  /** The frames of one segment: where each starts and where its record lies. */
  record Frames(byte[] data, int[] frame, int[] offset, int[] length, int count) {}

  /** Receives each good record's leaf hash in order. */
  interface LeafSink {
    void leaf(byte[] leafHash);
  }

  private record Chunk(int from, int stop, byte[][] leaves, int[] counted, Problem problem) {}

  private RecordChunks() {}

  /**
   * Checks records [{@code from}, {@code frames.count}) of a segment whose first record is {@code
   * first}; returns the first problem (null if none). Runs inline when {@code pool} is null.
   */
  static Problem check(
      Frames frames,
      int from,
      long first,
      String segment,
      RecordCheck evidence,
      ExecutorService pool,
      LeafSink sink)
      throws InterruptedException {
    List<Future<Chunk>> futures = new ArrayList<>();
    List<Callable<Chunk>> inline = new ArrayList<>();
    for (int start = from; start < frames.count(); start += CHUNK) {
      int s = start;
      int end = Math.min(frames.count(), start + CHUNK);
      Callable<Chunk> task = () -> chunk(frames, s, end, first, segment, evidence);
      if (pool == null) {
        inline.add(task);
      } else {
        futures.add(pool.submit(task));
      }
    }
    try {
      int n = pool == null ? inline.size() : futures.size();
      for (int i = 0; i < n; i++) {
        Chunk c = pool == null ? inline.get(i).call() : futures.get(i).get();
        for (int j = 0; j < c.leaves().length && c.leaves()[j] != null; j++) {
          evidence.tally(new RecordCheck.Verdict(null, c.counted()[j]));
          sink.leaf(c.leaves()[j]);
        }
        if (c.problem() != null) {
          evidence.tally(
              new RecordCheck.Verdict(c.problem().reason(), c.counted()[c.stop() - c.from()]));
          return c.problem();
        }
      }
      return null;
    } catch (ExecutionException e) {
      throw new IllegalStateException("record check failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("record check failed: " + e, e);
    } finally {
      futures.forEach(f -> f.cancel(false));
    }
  }

  private static Chunk chunk(
      Frames f, int from, int to, long first, String segment, RecordCheck evidence) {
    byte[][] leaves = new byte[to - from][];
    int[] counted = new int[to - from];
    for (int j = from; j < to; j++) {
      long expected = first + j;
      AuditRecord record;
      try {
        record = AuditRecord.parseFrom(ByteBuffer.wrap(f.data(), f.offset()[j], f.length()[j]));
      } catch (InvalidProtocolBufferException e) {
        return new Chunk(
            from,
            j,
            leaves,
            counted,
            new Problem(expected, segment, f.frame()[j], "not an AuditRecord"));
      }
      if (record.getSequence() != expected) {
        return new Chunk(
            from,
            j,
            leaves,
            counted,
            new Problem(
                expected,
                segment,
                f.frame()[j],
                "holds sequence "
                    + record.getSequence()
                    + " (records deleted, inserted or reordered)"));
      }
      RecordCheck.Verdict v = evidence.verdict(record);
      counted[j - from] = v.counted();
      if (v.problem() != null) {
        return new Chunk(
            from, j, leaves, counted, new Problem(expected, segment, f.frame()[j], v.problem()));
      }
      leaves[j - from] = MerkleHasher.leafHash(f.data(), f.offset()[j], f.length()[j]);
    }
    return new Chunk(from, to, leaves, counted, null);
  }
}
