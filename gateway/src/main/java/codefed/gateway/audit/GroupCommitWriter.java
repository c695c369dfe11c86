package codefed.gateway.audit;

import codefed.merkle.MerkleHasher;
import codefed.merkle.MerkleTree;
import codefed.signing.SigningDomain;
import codefed.threads.DaemonThreads;
import codefed.time.ProtoTime;
import healthcode.federation.v1.Checkpoint;
import healthcode.federation.v1.SignedCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The single writer thread. It takes every pending append at once, assigns sequences, writes all
 * their frames with one write and one {@code force}, then publishes them to the Merkle tree and
 * completes every waiter: one fsync per batch, so many concurrent appenders share the cost. It also
 * rolls segments and writes checkpoints, so all file changes are ordered.
 *
 * <p>Fail-stop: after an I/O error nothing more is acknowledged (the state of unsynced pages is
 * unknown); the log must be reopened, which recovers it.
 */
final class GroupCommitWriter {
  private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());
  private static final int MAX_BATCH = 4096;
  private static final long MAX_IDLE_WAIT_MILLIS = 1000;

  /** One queued request: an append (body set) or a control message. */
  static final class Pending {
    final byte[] body;
    final boolean stop;
    final CompletableFuture<Long> done = new CompletableFuture<>();
    final long submittedNanos = System.nanoTime();

    Pending(byte[] body, boolean stop) {
      this.body = body;
      this.stop = stop;
    }
  }

  private final LogStorage storage;
  private final Path dir;
  private final AuditLogOptions options;
  private final List<Segment> segments;
  private final MerkleTree tree;
  private final CheckpointStore checkpoints;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Object enqueueLock = new Object();
  private final Thread thread;

  private boolean accepting = true; // guarded by enqueueLock
  private volatile Throwable failure;

  /**
   * When the request the writer is working on was submitted (or its own work began); IDLE if none.
   */
  private volatile long busySince = IDLE;

  private static final long IDLE = Long.MIN_VALUE;
  private final Runnable onFailure;

  // Writer-thread state.
  private Segment current;
  private ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
  private byte[] scratch = new byte[4096];
  private final List<byte[]> batchLeaves = new ArrayList<>();
  private final List<Pending> batchAppends = new ArrayList<>();
  private boolean haveCheckpoint;
  private long lastCheckpointSize;
  private Instant lastCheckpointTime;

  GroupCommitWriter(
      LogStorage storage,
      Path dir,
      AuditLogOptions options,
      List<Segment> segments,
      MerkleTree tree,
      CheckpointStore checkpoints,
      Runnable onFailure) {
    this.storage = storage;
    this.onFailure = onFailure;
    this.dir = dir;
    this.options = options;
    this.segments = segments;
    this.tree = tree;
    this.checkpoints = checkpoints;
    this.current = segments.get(segments.size() - 1);
    SignedCheckpoint latest = checkpoints.latest();
    this.haveCheckpoint = latest != null;
    this.lastCheckpointSize = latest == null ? 0 : Checkpoints.parse(latest).getTreeSize();
    this.lastCheckpointTime = options.clock().instant();
    this.thread = DaemonThreads.named("audit-log-writer").newThread(this::run);
  }

  void start() {
    thread.start();
  }

  /** Queues a request unless the writer stopped; returns null if it did. */
  Pending submit(byte[] body) {
    Pending p = new Pending(body, false);
    synchronized (enqueueLock) {
      if (!accepting) {
        return null;
      }
      queue.add(p);
    }
    return p;
  }

  /** Queues a checkpoint request: completes with the tree size of the newest checkpoint. */
  Pending requestCheckpoint() {
    return submit(null);
  }

  Throwable failure() {
    return failure;
  }

  /** How long the oldest request the writer holds has waited, at {@code nowNanos}; 0 when idle. */
  long waitingNanos(long nowNanos) {
    long since = busySince;
    return since == IDLE ? 0 : nowNanos - since;
  }

  /**
   * Stops after everything queued so far, writing a final checkpoint; waits for the thread, up to
   * {@code maxWait} (a writer stuck in fsync must not hold the process's shutdown forever).
   */
  void stop(Duration maxWait) throws InterruptedException {
    synchronized (enqueueLock) {
      if (accepting) {
        accepting = false;
        queue.add(new Pending(null, true));
      }
    }
    thread.join(Math.max(1, maxWait.toMillis()));
    if (thread.isAlive()) {
      LOG.severe(
          "audit log: the writer did not stop within " + maxWait + "; closing its files under it");
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    try {
      boolean stop = false;
      while (!stop) {
        Pending first = queue.poll(idleWaitMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
          busySince = System.nanoTime();
          checkpointIfDue(false);
          busySince = IDLE;
          continue;
        }
        busySince = first.submittedNanos; // the oldest: the queue is FIFO
        batch.clear();
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        stop = process(batch);
        busySince = IDLE;
      }
    } catch (Throwable t) {
      failure = t;
      busySince = IDLE;
      LOG.log(Level.SEVERE, "audit log: writer failed; no further record will be acknowledged", t);
      for (Pending p : batch) {
        p.done.completeExceptionally(t);
      }
      synchronized (enqueueLock) {
        accepting = false;
      }
      for (Pending p; (p = queue.poll()) != null; ) {
        p.done.completeExceptionally(t);
      }
      onFailure.run();
    }
  }

  /** Writes one batch; returns whether a stop request was in it. */
  private boolean process(List<Pending> batch) throws IOException {
    boolean stop = false;
    boolean checkpointRequested = false;
    List<Pending> controls = new ArrayList<>();
    batchLeaves.clear();
    batchAppends.clear();
    buffer.clear();
    long bufferStart = current.end();
    long next = tree.size();
    for (Pending p : batch) {
      if (p.stop) {
        stop = true;
        controls.add(p);
        continue;
      }
      if (p.body == null) {
        checkpointRequested = true;
        controls.add(p);
        continue;
      }
      int length = RecordBytes.prefixLength(next) + p.body.length;
      int frameBytes = Frames.HEADER_BYTES + length;
      if (current.end() > 0 && current.end() + frameBytes > options.segmentBytes()) {
        flush(bufferStart);
        current = LogRecovery.create(storage, dir, next);
        segments.add(current);
        bufferStart = 0;
      }
      if (scratch.length < length) {
        scratch = new byte[Math.max(length, scratch.length * 2)];
      }
      int prefix = RecordBytes.putPrefix(next, scratch, 0);
      System.arraycopy(p.body, 0, scratch, prefix, p.body.length);
      ensureBuffer(frameBytes);
      current.addFrame(current.end(), frameBytes);
      Frames.put(buffer, scratch, 0, length);
      batchLeaves.add(MerkleHasher.leafHash(scratch, 0, length));
      batchAppends.add(p);
      next++;
    }
    flush(bufferStart);
    for (byte[] leaf : batchLeaves) {
      tree.append(leaf);
    }
    // A checkpoint that falls due is written before the batch is acknowledged, so that once
    // append returns, every checkpoint due by then exists.
    checkpointIfDue(checkpointRequested || stop);
    long sequence = tree.size() - batchAppends.size();
    for (Pending p : batchAppends) {
      p.done.complete(sequence++);
    }
    for (Pending p : controls) {
      p.done.complete(lastCheckpointSize);
    }
    return stop;
  }

  private void flush(long position) throws IOException {
    if (buffer.position() == 0) {
      return;
    }
    buffer.flip();
    long pos = position;
    while (buffer.hasRemaining()) {
      pos += current.channel().write(buffer, pos);
    }
    current.channel().force(false);
    buffer.clear();
  }

  private void ensureBuffer(int more) {
    if (buffer.remaining() < more) {
      ByteBuffer bigger =
          ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
      buffer.flip();
      bigger.put(buffer);
      buffer = bigger;
    }
  }

  private long idleWaitMillis() {
    return Math.max(1, Math.min(MAX_IDLE_WAIT_MILLIS, options.checkpointInterval().toMillis()));
  }

  private void checkpointIfDue(boolean requested) throws IOException {
    long size = tree.size();
    Instant now = options.clock().instant();
    boolean grown = size > lastCheckpointSize;
    boolean due =
        size - lastCheckpointSize >= options.checkpointEveryRecords()
            || (grown && !now.isBefore(lastCheckpointTime.plus(options.checkpointInterval())))
            || (requested && (grown || !haveCheckpoint));
    if (!due) {
      return;
    }
    Checkpoint checkpoint =
        Checkpoint.newBuilder()
            .setGateway(options.gateway())
            .setTreeSize(size)
            .setRootHash(com.google.protobuf.ByteString.copyFrom(tree.root(size)))
            .setTime(ProtoTime.timestamp(now))
            .build();
    byte[] bytes = checkpoint.toByteArray();
    checkpoints.append(
        SignedCheckpoint.newBuilder()
            .setCheckpoint(com.google.protobuf.ByteString.copyFrom(bytes))
            .setKeyId(options.signer().keyId())
            .setCertificate(options.signerCertificate())
            .setSignature(
                com.google.protobuf.ByteString.copyFrom(
                    options.signer().sign(SigningDomain.CHECKPOINT, bytes)))
            .build());
    haveCheckpoint = true;
    lastCheckpointSize = size;
    lastCheckpointTime = now;
  }
}
