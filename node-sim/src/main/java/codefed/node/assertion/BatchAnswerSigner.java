package codefed.node.assertion;

import codefed.merkle.MerkleBatch;
import codefed.merkle.MerkleHasher;
import codefed.node.NodeUnavailableException;
import codefed.node.NodeUnavailableException.Reason;
import codefed.signing.BatchRoot;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AnswerBatch;
import healthcode.federation.v1.SignedAssertion;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signs answers in batches ({@link SigningDomain#ASSERTION_BATCH}): answers made within one window
 * of the first waiting answer, up to the batch bound, share one signature over the RFC 9162 root of
 * their assertions' leaf hashes, and each answer carries its own inclusion proof. One thread signs;
 * callers only queue, so no caller's thread waits.
 */
final class BatchAnswerSigner implements AnswerSigner {
  private static final Logger LOG = Logger.getLogger(BatchAnswerSigner.class.getName());

  private record Pending(byte[] assertion, long queuedAt, CompletableFuture<SignedAssertion> out) {}

  private final Supplier<Signer> key;
  private final long windowNanos;
  private final int maxAnswers;
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queued = new AtomicInteger();
  private final LongAdder answers = new LongAdder();
  private final LongAdder signatures = new LongAdder();
  private final Thread thread;
  private volatile boolean closed;

  /** Set by the signer just before it parks with nothing queued. */
  private volatile boolean sleeping;

  BatchAnswerSigner(Supplier<Signer> key, SignBatching batching) {
    this.key = key;
    this.windowNanos = batching.window().toNanos();
    this.maxAnswers = batching.maxAnswers();
    this.thread = new Thread(this::run, "answer-signer");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public CompletableFuture<SignedAssertion> sign(byte[] assertion) {
    if (closed) {
      return CompletableFuture.failedFuture(new NodeUnavailableException(Reason.SHUTTING_DOWN));
    }
    Pending p = new Pending(assertion, System.nanoTime(), new CompletableFuture<>());
    queue.add(p);
    // The queue write above and the signer's flag write below are both volatile: either this
    // caller sees the signer asleep and wakes it, or the signer sees this answer before sleeping.
    int waiting = queued.incrementAndGet(); // approximate: the signer may have taken it already
    if (sleeping || waiting >= maxAnswers) {
      LockSupport.unpark(thread);
    }
    if (closed) {
      refuseQueued(); // the signer may have ended before this answer was queued
    }
    return p.out();
  }

  @Override
  public SigningCounts counts() {
    return new SigningCounts(answers.sum(), signatures.sum());
  }

  @Override
  public void close() {
    closed = true;
    LockSupport.unpark(thread);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    refuseQueued();
  }

  private void run() {
    while (true) {
      Pending first = queue.peek();
      if (first == null) {
        if (closed) {
          return;
        }
        sleeping = true;
        if (queue.peek() == null && !closed) {
          LockSupport.park(this);
        }
        sleeping = false;
        continue;
      }
      long wait;
      while (!closed
          && queued.get() < maxAnswers
          && (wait = first.queuedAt() + windowNanos - System.nanoTime()) > 0) {
        LockSupport.parkNanos(this, wait);
      }
      List<Pending> batch = new ArrayList<>();
      Pending p;
      while (batch.size() < maxAnswers && (p = queue.poll()) != null) {
        batch.add(p);
      }
      queued.addAndGet(-batch.size());
      signAll(batch);
    }
  }

  private void signAll(List<Pending> batch) {
    if (batch.isEmpty()) {
      return;
    }
    SignedAssertion[] signed;
    try {
      signed = signTogether(batch);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "signing a batch of " + batch.size() + " answers failed", e);
      batch.forEach(p -> p.out().completeExceptionally(e));
      return;
    }
    answers.add(batch.size());
    signatures.increment();
    for (int i = 0; i < signed.length; i++) {
      batch.get(i).out().complete(signed[i]);
    }
  }

  private SignedAssertion[] signTogether(List<Pending> batch) {
    List<byte[]> leaves = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      leaves.add(MerkleHasher.leafHash(p.assertion()));
    }
    MerkleBatch tree = MerkleBatch.of(leaves);
    BatchRoot root = new BatchRoot(batch.size(), tree.root());
    Signer signer = key.get();
    ByteString signature =
        ByteString.copyFrom(signer.sign(SigningDomain.ASSERTION_BATCH, root.signedBytes()));
    SignedAssertion[] out = new SignedAssertion[batch.size()];
    for (int i = 0; i < out.length; i++) {
      AnswerBatch.Builder proof =
          AnswerBatch.newBuilder().setLeafIndex(i).setTreeSize(batch.size());
      for (byte[] hash : tree.path(i)) {
        proof.addPath(ByteString.copyFrom(hash));
      }
      out[i] =
          SignedAssertion.newBuilder()
              .setAssertion(ByteString.copyFrom(batch.get(i).assertion()))
              .setKeyId(signer.keyId())
              .setSignature(signature)
              .setBatch(proof)
              .build();
    }
    return out;
  }

  private void refuseQueued() {
    Pending p;
    while ((p = queue.poll()) != null) {
      queued.decrementAndGet();
      p.out().completeExceptionally(new NodeUnavailableException(Reason.SHUTTING_DOWN));
    }
  }
}
