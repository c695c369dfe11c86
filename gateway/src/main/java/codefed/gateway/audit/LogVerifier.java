package codefed.gateway.audit;

import codefed.gateway.audit.VerificationReport.Problem;
import codefed.gateway.audit.seal.EvidenceCheck;
import codefed.merkle.CompactRange;
import codefed.merkle.MerkleHasher;
import codefed.signing.SignatureVerificationException;
import codefed.signing.SignatureVerifier;
import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.Checkpoint;
import healthcode.federation.v1.SignedCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;

/**
 * The auditor's check of a log directory, read-only and trusting nothing in it: framing and CRCs,
 * record sequences, each record's evidence (a {@link RecordCheck}: node answer signatures, sealed
 * evidence), the Merkle root recomputed against every checkpoint, and every checkpoint's signature.
 * Stops at the first problem (the first by sequence, also when records are checked in parallel on a
 * pool).
 *
 * <p>Incremental ({@link Options#from}): starting from a checkpoint an earlier run verified (its
 * size, root and Merkle frontier), only the records after it are checked and hashed, and every
 * newer checkpoint must extend it: a log cut below it, or one whose new checkpoints no longer
 * extend its root, fails naming the shard and the size.
 */
public final class LogVerifier {
  private final Path dir;
  private final VerificationKeys keys;
  private final RecordCheck evidence;
  private final Options options;
  private final CompactRange range;
  private final long base;
  private final Set<Long> wanted = new HashSet<>();
  private final Map<Long, CompactRange> snapshots = new HashMap<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<String> segmentNames = new ArrayList<>();
  private final List<Long> segmentFirsts = new ArrayList<>();

  /** Checkpoint verifiers by key: a log's checkpoints are signed by one or a few keys. */
  private final Map<PublicKey, SignatureVerifier> checkpointVerifiers = new HashMap<>();

  private long count;
  private long checked;

  /**
   * How to verify.
   *
   * @param pool where records are checked in parallel (null: on the calling thread)
   * @param from a verified checkpoint to continue from (empty: verify everything)
   */
  public record Options(ExecutorService pool, Optional<VerifiedPoint> from) {
    public static final Options SEQUENTIAL = new Options(null, Optional.empty());
  }

  /** A checkpoint verified earlier: gateway, size, root and the frontier of its tree. */
  public record VerifiedPoint(String gateway, long size, byte[] root, List<byte[]> frontier) {
    public VerifiedPoint {
      root = root.clone();
      frontier = List.copyOf(frontier);
      CompactRange.of(size, frontier); // validates count and lengths
      if (root.length != MerkleHasher.HASH_SIZE) {
        throw new IllegalArgumentException("root: " + root.length + " bytes (expected: 32)");
      }
    }
  }

  /**
   * A run's outcome: the report, how many records had their per-record checks run now, and the
   * points (checkpoint sizes at or past the starting point) this run verified.
   */
  public record Outcome(
      VerificationReport report,
      long checked,
      Optional<String> gateway,
      Map<Long, VerifiedPoint> verified) {
    public Outcome {
      verified = Map.copyOf(verified);
    }

    /** The verified point of the newest checkpoint, if the log verified. */
    public Optional<VerifiedPoint> newest() {
      return verified.keySet().stream().max(Long::compare).map(verified::get);
    }
  }

  private LogVerifier(Path dir, VerificationKeys keys, RecordCheck evidence, Options options) {
    this.dir = dir;
    this.keys = keys;
    this.evidence = evidence;
    this.options = options;
    this.range =
        options
            .from()
            .map(p -> CompactRange.of(p.size(), p.frontier()))
            .orElseGet(CompactRange::new);
    this.base = range.size();
  }

  /** Verifies without the auditors' key: sealed evidence is reported as not checked. */
  public static VerificationReport verify(Path logDir, VerificationKeys keys) throws IOException {
    return verify(logDir, keys, EvidenceCheck.of(keys, Optional.empty()));
  }

  public static VerificationReport verify(Path logDir, VerificationKeys keys, RecordCheck evidence)
      throws IOException {
    return run(logDir, keys, evidence, Options.SEQUENTIAL).report();
  }

  /** Verifies with {@code options}: in parallel on a pool, and/or from a verified point. */
  public static Outcome run(
      Path logDir, VerificationKeys keys, RecordCheck evidence, Options options)
      throws IOException {
    return new LogVerifier(logDir, keys, evidence, options).run();
  }

  /** The gateway that signed the log's newest checkpoint (empty without a readable one). */
  public static Optional<String> gatewayOf(Path logDir) throws IOException {
    List<SignedCheckpoint> all = CheckpointStore.readAll(logDir, new ArrayList<>());
    for (int i = all.size() - 1; i >= 0; i--) {
      try {
        return Optional.of(Checkpoint.parseFrom(all.get(i).getCheckpoint()).getGateway());
      } catch (InvalidProtocolBufferException e) {
        // an older one may still name it
      }
    }
    return Optional.empty();
  }

  private Outcome run() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("not a log directory: " + dir);
    }
    List<String> checkpointProblems = new ArrayList<>();
    List<SignedCheckpoint> checkpoints;
    try {
      checkpoints = CheckpointStore.readAll(dir, checkpointProblems);
    } catch (LogCorruptedException e) {
      return outcome(
          new VerificationReport(
              0,
              0,
              java.util.Optional.of(
                  new Problem(-1, CheckpointStore.FILE_NAME, e.offset(), e.reason())),
              warnings),
          Optional.empty());
    }
    Optional<String> gateway = Optional.empty();
    for (SignedCheckpoint signed : checkpoints) {
      try {
        Checkpoint cp = Checkpoint.parseFrom(signed.getCheckpoint());
        if (cp.getTreeSize() >= base) {
          wanted.add(cp.getTreeSize());
        }
        gateway = Optional.of(cp.getGateway());
      } catch (InvalidProtocolBufferException e) {
        // reported in order by verifyCheckpoints
      }
    }
    snapshotIfWanted();
    Problem problem;
    try {
      problem = verifyRecords();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("verification interrupted");
    }
    if (problem == null && count < base) {
      problem =
          new Problem(
              -1,
              null,
              -1,
              notExtending()
                  + ": the log holds only "
                  + count
                  + " records (truncated or rolled back)");
    }
    if (problem == null) {
      problem = verifyCheckpoints(checkpoints, checkpointProblems);
    }
    warnings.addAll(evidence.notes());
    return outcome(
        new VerificationReport(
            count, checkpoints.size(), java.util.Optional.ofNullable(problem), warnings),
        gateway);
  }

  private Outcome outcome(VerificationReport report, Optional<String> gateway) {
    Map<Long, VerifiedPoint> points = new HashMap<>();
    if (report.ok() && gateway.isPresent()) {
      snapshots.forEach(
          (size, r) ->
              points.put(size, new VerifiedPoint(gateway.get(), size, r.root(), r.frontier())));
    }
    return new Outcome(report, checked, gateway, points);
  }

  private String notExtending() {
    String shard = options.from().map(VerifiedPoint::gateway).orElse("?");
    return "shard " + shard + ": log no longer extends the verified checkpoint at size " + base;
  }

  private void snapshotIfWanted() {
    if (wanted.contains(range.size())) {
      snapshots.put(range.size(), range.copy());
    }
  }

  private Problem verifyRecords() throws IOException, InterruptedException {
    List<Path> files = Segment.list(dir);
    if (files.isEmpty()) {
      warnings.add("no segment files");
    }
    long[] firsts = base > 0 ? firstSequences(files) : null;
    ExecutorService pool = evidence.concurrent() ? options.pool() : null;
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      String name = file.getFileName().toString();
      long first;
      try {
        first = Segment.firstSequenceOf(file);
      } catch (LogCorruptedException e) {
        return new Problem(count, name, 0, e.reason());
      }
      segmentNames.add(name);
      segmentFirsts.add(first);
      if (firsts != null && i + 1 < files.size() && firsts[i + 1] <= base && first == count) {
        count = firsts[i + 1]; // every record of this segment lies below the verified point
        continue;
      }
      if (first != count) {
        return new Problem(
            count,
            name,
            0,
            "segment starts at sequence "
                + first
                + ", expected "
                + count
                + " (records missing or out of order)");
      }
      byte[] data = Files.readAllBytes(file);
      FrameScanner.Result[] result = new FrameScanner.Result[1];
      RecordChunks.Frames frames = frames(data, result);
      int from = (int) Math.min(frames.count(), Math.max(0, base - first));
      count += from;
      Problem p =
          RecordChunks.check(
              frames,
              from,
              first,
              name,
              evidence,
              pool,
              leaf -> {
                range.append(leaf);
                count++;
                checked++;
                snapshotIfWanted();
              });
      if (p != null) {
        return p;
      }
      boolean last = i == files.size() - 1;
      FrameScanner.Result r = result[0];
      if (r.ending() == FrameScanner.Ending.TORN_TAIL && last) {
        warnings.add(
            "torn tail of "
                + (data.length - r.validEnd())
                + " bytes at "
                + name
                + " byte "
                + r.validEnd()
                + " ("
                + r.reason()
                + "): an append cut short by a crash, never acknowledged; the gateway drops it at its next start");
      } else if (!r.clean()) {
        return new Problem(
            count,
            name,
            r.badOffset(),
            r.reason() + (last ? " followed by valid frames" : " in a sealed segment"));
      }
    }
    return null;
  }

  /**
   * Every segment's first sequence, or -1 where the name is not one (then nothing is skipped past
   * it).
   */
  private static long[] firstSequences(List<Path> files) {
    long[] out = new long[files.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Segment.firstSequenceOf(files.get(i));
      } catch (LogCorruptedException e) {
        out[i] = Long.MAX_VALUE;
      }
    }
    return out;
  }

  private static RecordChunks.Frames frames(byte[] data, FrameScanner.Result[] result)
      throws LogCorruptedException {
    int[][] cols = {new int[1024], new int[1024], new int[1024]};
    int[] n = {0};
    result[0] =
        FrameScanner.scan(
            data,
            (frame, bytes, off, len) -> {
              if (n[0] == cols[0].length) {
                for (int c = 0; c < 3; c++) {
                  cols[c] = Arrays.copyOf(cols[c], cols[c].length * 2);
                }
              }
              cols[0][n[0]] = frame;
              cols[1][n[0]] = off;
              cols[2][n[0]] = len;
              n[0]++;
            });
    return new RecordChunks.Frames(data, cols[0], cols[1], cols[2], n[0]);
  }

  private Problem verifyCheckpoints(List<SignedCheckpoint> checkpoints, List<String> fileProblems) {
    long previousSize = 0;
    for (int i = 0; i < checkpoints.size(); i++) {
      SignedCheckpoint signed = checkpoints.get(i);
      Checkpoint cp;
      try {
        cp = Checkpoint.parseFrom(signed.getCheckpoint());
      } catch (InvalidProtocolBufferException e) {
        return checkpointProblem(i, "not a Checkpoint");
      }
      try {
        PublicKey key = keys.checkpointKey(signed, cp);
        String expectedId = CheckpointSignatures.keyId(cp.getGateway(), key);
        if (!signed.getKeyId().equals(expectedId)) {
          return checkpointProblem(
              i,
              "signed with key "
                  + signed.getKeyId()
                  + ", but gateway "
                  + cp.getGateway()
                  + "'s key is "
                  + expectedId);
        }
        CheckpointSignatures.verify(
            checkpointVerifiers.computeIfAbsent(key, CheckpointSignatures::verifier),
            signed.getCheckpoint().toByteArray(),
            signed.getSignature().toByteArray());
      } catch (VerificationFailure | SignatureVerificationException e) {
        return checkpointProblem(i, "bad signature: " + e.getMessage());
      }
      long size = cp.getTreeSize();
      if (size < 0) {
        return checkpointProblem(i, "tree size " + size + " (expected: >= 0)");
      }
      if (size > count) {
        return new Problem(
            count,
            null,
            -1,
            "missing: checkpoint "
                + i
                + " covers "
                + size
                + " records but the log holds "
                + count
                + " (records deleted or truncated)");
      }
      if (size >= base
          && !MessageDigest.isEqual(cp.getRootHash().toByteArray(), snapshots.get(size).root())) {
        if (base > 0 && !prefixStillVerified()) {
          return new Problem(
              -1,
              null,
              -1,
              notExtending()
                  + ": checkpoint "
                  + i
                  + " (tree size "
                  + size
                  + ") is not built on it (a record below "
                  + base
                  + " was rewritten, or the log was forked)");
        }
        long from = Math.min(Math.max(previousSize, base), size);
        return new Problem(
            from,
            segmentOf(from),
            -1,
            "checkpoint "
                + i
                + " (tree size "
                + size
                + ") does not match the records: a record in ["
                + from
                + ", "
                + size
                + ") was altered, inserted or deleted, or the checkpoint is a fork");
      }
      previousSize = Math.max(previousSize, size);
    }
    for (String p : fileProblems) {
      warnings.add("checkpoints file: " + p + " (a torn checkpoint after a crash)");
    }
    if (checkpoints.isEmpty() && count > 0) {
      return new Problem(
          -1,
          CheckpointStore.FILE_NAME,
          -1,
          "no checkpoint: none of the " + count + " records is signed");
    }
    if (base > 0 && previousSize < base) {
      return new Problem(
          -1,
          CheckpointStore.FILE_NAME,
          -1,
          notExtending()
              + ": its newest checkpoint covers "
              + previousSize
              + " records (checkpoints removed or rolled back)");
    }
    if (count > previousSize) {
      warnings.add(
          (count - previousSize) + " records after the last checkpoint are not yet signed");
    }
    return null;
  }

  private Problem checkpointProblem(int index, String reason) {
    return new Problem(-1, CheckpointStore.FILE_NAME, -1, "checkpoint " + index + ": " + reason);
  }

  /**
   * Whether the records below the verified point still hash to its root (only asked on a failure).
   */
  private boolean prefixStillVerified() {
    try {
      LogSnapshot disk = LogSnapshot.read(dir, -1);
      return disk.size() >= base
          && MessageDigest.isEqual(disk.tree().root(base), options.from().get().root());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private String segmentOf(long sequence) {
    String name = null;
    for (int i = 0; i < segmentNames.size(); i++) {
      if (segmentFirsts.get(i) <= sequence) {
        name = segmentNames.get(i);
      }
    }
    return name;
  }
}
