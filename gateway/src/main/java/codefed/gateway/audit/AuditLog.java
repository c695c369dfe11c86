package codefed.gateway.audit;

import codefed.gateway.audit.AuditQueryException.Reason;
import codefed.merkle.MerkleTree;
import codefed.time.ProtoTime;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Checkpoint;
import healthcode.federation.v1.SignedCheckpoint;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The gateway's tamper-evident decision log: segment files of CRC-checked frames, an RFC 9162
 * Merkle tree over the exact record bytes, signed checkpoints, and the policy documents the records
 * refer to. {@link #append} returns once the record is on disk ({@code force}), with group commit;
 * see {@link GroupCommitWriter}.
 *
 * <p>Directory layout: {@code segment-<first sequence>.log}, {@code checkpoints.log}, {@code
 * policies/<sha256>.textproto}, {@code lock}. No key is ever kept here.
 */
public final class AuditLog implements DecisionLog, AutoCloseable {
  private static final String LOCK_FILE = "lock";

  private final Path dir;
  private final AuditLogOptions options;
  private final FileChannel lockChannel;
  private final List<Segment> segments;
  private final MerkleTree tree;
  private final CheckpointStore checkpoints;
  private final PolicyArchive policies;
  private final GroupCommitWriter writer;
  private final WriterWatch watch;
  private final long timeoutNanos;
  private volatile boolean closed;

  private AuditLog(
      LogStorage storage,
      Path dir,
      AuditLogOptions options,
      FileChannel lockChannel,
      List<Segment> segments,
      MerkleTree tree,
      CheckpointStore checkpoints,
      PolicyArchive policies) {
    this.dir = dir;
    this.options = options;
    this.lockChannel = lockChannel;
    this.segments = segments;
    this.tree = tree;
    this.checkpoints = checkpoints;
    this.policies = policies;
    this.writer =
        new GroupCommitWriter(
            storage, dir, options, segments, tree, checkpoints, this::writerFailed);
    this.watch = new WriterWatch(writer, options.durabilityTimeout());
    this.timeoutNanos = options.durabilityTimeout().toNanos();
  }

  private void writerFailed() {
    watch.check();
  }

  /**
   * Opens or creates the log in {@code dir}, recovering it: a torn tail is truncated (and logged),
   * anything else damaged stops the start with a {@link LogCorruptedException} that names the file
   * and byte offset. Only one process may have a log open.
   */
  public static AuditLog open(Path dir, AuditLogOptions options) throws IOException {
    return open(dir, options, LogStorage.FILES);
  }

  /** {@link #open(Path, AuditLogOptions)} with the segments and checkpoints on {@code storage}. */
  static AuditLog open(Path dir, AuditLogOptions options, LogStorage storage) throws IOException {
    Files.createDirectories(dir);
    FileChannel lockChannel =
        FileChannel.open(
            dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    List<Segment> segments = new CopyOnWriteArrayList<>();
    CheckpointStore checkpoints = null;
    try {
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new IOException("audit log " + dir + " is open in another process");
      }
      PolicyArchive policies = new PolicyArchive(dir);
      policies.createDirectory();
      LogRecovery.Recovered recovered = LogRecovery.recover(storage, dir);
      segments.addAll(recovered.segments());
      checkpoints = CheckpointStore.open(storage, dir);
      checkLatestCheckpoint(dir, checkpoints, recovered.tree());
      AuditLog log =
          new AuditLog(
              storage,
              dir,
              options,
              lockChannel,
              segments,
              recovered.tree(),
              checkpoints,
              policies);
      log.writer.start();
      log.watch.start();
      return log;
    } catch (IOException | RuntimeException e) {
      for (Segment s : segments) {
        s.close();
      }
      if (checkpoints != null) {
        checkpoints.close();
      }
      lockChannel.close();
      throw e;
    }
  }

  /**
   * The newest checkpoint must describe a prefix of what is on disk: else records were lost or
   * changed.
   */
  static void checkLatestCheckpoint(Path dir, CheckpointStore store, MerkleTree tree)
      throws LogCorruptedException {
    SignedCheckpoint latest = store.latest();
    if (latest == null) {
      return;
    }
    Path file = dir.resolve(CheckpointStore.FILE_NAME);
    Checkpoint cp;
    try {
      cp = Checkpoints.parse(latest);
    } catch (IllegalArgumentException e) {
      throw new LogCorruptedException(file, 0, "latest checkpoint: " + e.getMessage());
    }
    if (cp.getTreeSize() < 0) {
      throw new LogCorruptedException(
          file, 0, "latest checkpoint: tree size " + cp.getTreeSize() + " (expected: >= 0)");
    }
    if (cp.getTreeSize() > tree.size()) {
      throw new LogCorruptedException(
          file,
          0,
          "latest checkpoint covers "
              + cp.getTreeSize()
              + " records but the log holds "
              + tree.size());
    }
    if (!MessageDigest.isEqual(cp.getRootHash().toByteArray(), tree.root(cp.getTreeSize()))) {
      throw new LogCorruptedException(
          file,
          0,
          "latest checkpoint (tree size "
              + cp.getTreeSize()
              + ") does not match the records on disk");
    }
  }

  @Override
  public long append(AuditRecord record) throws AuditUnavailableException {
    return await(submit(record));
  }

  /** Completes on the writer thread, after the group commit that made the record durable. */
  @Override
  public CompletionStage<Long> appendAsync(AuditRecord record) {
    GroupCommitWriter.Pending pending;
    try {
      pending = submit(record);
    } catch (AuditUnavailableException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (pending == null) {
      return CompletableFuture.failedFuture(stopped());
    }
    // A copy times out, so that the writer still completes (and counts) the original.
    return pending
        .done
        .copy()
        .orTimeout(timeoutNanos, TimeUnit.NANOSECONDS)
        .handle(
            (sequence, failure) -> {
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                throw new CompletionException(
                    cause instanceof TimeoutException
                        ? notDurableInTime()
                        : new AuditUnavailableException(
                            "audit log could not make the record durable", cause));
              }
              return sequence;
            });
  }

  /**
   * The wait for durability ran out. The record may still be written later: it then exists in the
   * log although its caller got no decision and no receipt — acceptable, whereas answering before
   * the record is durable could lose an acknowledged record.
   */
  private AuditUnavailableException notDurableInTime() {
    watch.check();
    return new AuditUnavailableException(
        "audit log: record not durable within "
            + options.durabilityTimeout()
            + " (writer "
            + watch.state()
            + "); no decision given",
        null);
  }

  /** Queues the record; null if the writer has stopped. */
  private GroupCommitWriter.Pending submit(AuditRecord record) throws AuditUnavailableException {
    if (closed) {
      throw new AuditUnavailableException("audit log is closed", null);
    }
    if (watch.state() == WriterState.STUCK) {
      // Refused at once rather than queued behind a hung fsync: no thread waits the bound again.
      throw new AuditUnavailableException(
          "audit log: writer stuck for more than "
              + options.durabilityTimeout()
              + "; no decision given",
          null);
    }
    byte[] body = RecordBytes.withoutSequence(complete(record));
    if (body.length > Frames.MAX_RECORD_BYTES - 11) {
      throw new IllegalArgumentException(
          "record: "
              + body.length
              + " bytes (expected: <= "
              + (Frames.MAX_RECORD_BYTES - 11)
              + ")");
    }
    return writer.submit(body);
  }

  private AuditUnavailableException stopped() {
    Throwable failure = writer.failure();
    return new AuditUnavailableException(
        failure == null ? "audit log is closed" : "audit log failed earlier", failure);
  }

  /** Fills in what the log owns when the caller left it empty: the gateway name and the time. */
  private AuditRecord complete(AuditRecord record) {
    if (!record.getGateway().isEmpty() && record.hasTime()) {
      return record;
    }
    AuditRecord.Builder b = record.toBuilder();
    if (b.getGateway().isEmpty()) {
      b.setGateway(options.gateway());
    }
    if (!b.hasTime()) {
      Instant now = options.clock().instant();
      b.setTime(ProtoTime.timestamp(now));
    }
    return b.build();
  }

  private long await(GroupCommitWriter.Pending pending) throws AuditUnavailableException {
    if (pending == null) {
      throw stopped();
    }
    try {
      return pending.done.get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      throw notDurableInTime();
    } catch (ExecutionException e) {
      throw new AuditUnavailableException(
          "audit log could not make the record durable", e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AuditUnavailableException("interrupted while waiting for the audit log", e);
    }
  }

  @Override
  public void archivePolicy(byte[] policyHash, String documentText)
      throws AuditUnavailableException {
    try {
      policies.store(policyHash, documentText);
    } catch (IOException e) {
      throw new AuditUnavailableException("cannot archive policy document", e);
    }
  }

  /** Writes a checkpoint now if records arrived since the last one; returns the newest. */
  public SignedCheckpoint checkpoint() throws AuditUnavailableException {
    await(writer.requestCheckpoint());
    return checkpoints.latest();
  }

  public Path directory() {
    return dir;
  }

  /** Whether the writer can make records durable now (see {@link WriterState}). */
  public WriterState writerState() {
    return watch.state();
  }

  /** Tells {@code listener} the writer's state now and at every change, until the log closes. */
  public void watchWriter(WriterStateListener listener) {
    watch.add(listener);
  }

  /** Records that are durable (and readable, and in the tree). */
  public long size() {
    return tree.size();
  }

  /** The exact stored bytes of record {@code sequence}. */
  public byte[] read(long sequence) throws AuditQueryException, IOException {
    long size = size();
    if (sequence < 0) {
      throw new AuditQueryException(
          Reason.BAD_ARGUMENT, "sequence: " + sequence + " (expected: >= 0)");
    }
    if (sequence >= size) {
      throw new AuditQueryException(
          Reason.BEYOND_LOG, "sequence: " + sequence + " (log size " + size + ")");
    }
    return segmentOf(sequence).read(sequence);
  }

  private Segment segmentOf(long sequence) {
    int lo = 0;
    int hi = segments.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (segments.get(mid).firstSequence() <= sequence) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return segments.get(lo);
  }

  /** The Merkle leaf hash of durable record {@code sequence} (what a receipt vouches for). */
  public byte[] leafHash(long sequence) {
    return tree.leafHash(sequence);
  }

  public byte[] root(long treeSize) throws AuditQueryException {
    checkTreeSize("tree_size", treeSize);
    return tree.root(treeSize);
  }

  public List<byte[]> inclusionProof(long leafIndex, long treeSize) throws AuditQueryException {
    if (leafIndex < 0 || leafIndex >= treeSize) {
      throw new AuditQueryException(
          Reason.BAD_ARGUMENT,
          "leaf_index: " + leafIndex + " (expected: 0 <= leaf_index < tree_size " + treeSize + ")");
    }
    checkTreeSize("tree_size", treeSize);
    return tree.inclusionProof(leafIndex, treeSize);
  }

  public List<byte[]> consistencyProof(long firstSize, long secondSize) throws AuditQueryException {
    if (firstSize < 1 || firstSize > secondSize) {
      throw new AuditQueryException(
          Reason.BAD_ARGUMENT,
          "first_size: "
              + firstSize
              + " (expected: 1 <= first_size <= second_size "
              + secondSize
              + ")");
    }
    checkTreeSize("second_size", secondSize);
    return tree.consistencyProof(firstSize, secondSize);
  }

  private void checkTreeSize(String field, long treeSize) throws AuditQueryException {
    if (treeSize < 0) {
      throw new AuditQueryException(
          Reason.BAD_ARGUMENT, field + ": " + treeSize + " (expected: >= 0)");
    }
    long size = size();
    if (treeSize > size) {
      throw new AuditQueryException(
          Reason.BEYOND_LOG, field + ": " + treeSize + " (log size " + size + ")");
    }
  }

  public Optional<SignedCheckpoint> latestCheckpoint() {
    return Optional.ofNullable(checkpoints.latest());
  }

  public List<SignedCheckpoint> checkpoints() {
    return checkpoints.all();
  }

  /** Waits for queued appends, writes a final checkpoint and closes every file. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    watch.close();
    try {
      // Queued appends finish well within a few timeouts unless the disk hangs.
      writer.stop(options.durabilityTimeout().multipliedBy(5).plusSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      for (Segment s : segments) {
        s.close();
      }
      checkpoints.close();
      lockChannel.close();
    }
  }
}
