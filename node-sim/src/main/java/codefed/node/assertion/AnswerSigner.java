package codefed.node.assertion;

import codefed.signing.Signer;
import healthcode.federation.v1.SignedAssertion;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Signs the node's answers: each on its own ({@link EachAnswerSigner}) or many with one signature
 * ({@link BatchAnswerSigner}). Never blocks the caller.
 */
public interface AnswerSigner extends AutoCloseable {
  /**
   * @param assertion the serialized {@code StatusAssertion}
   * @return the signed answer, completed on the signer's thread or at once
   */
  CompletableFuture<SignedAssertion> sign(byte[] assertion);

  /** Answers signed and signatures made so far. */
  SigningCounts counts();

  /** Signs what is already queued, then refuses new answers. */
  @Override
  void close();

  /** How the node signs, chosen by its options ({@link SignBatching}). */
  static AnswerSigner of(Supplier<Signer> key, SignBatching b) {
    return b.enabled() ? new BatchAnswerSigner(key, b) : new EachAnswerSigner(key);
  }

  /** Answers signed, and the signatures that covered them (equal when each is signed alone). */
  record SigningCounts(long answers, long signatures) {
    /** Answers per signature, 0 before the first. */
    public double meanBatch() {
      return signatures == 0 ? 0 : (double) answers / signatures;
    }

    /** What was signed since {@code earlier} counts were taken. */
    public SigningCounts since(SigningCounts earlier) {
      return new SigningCounts(answers - earlier.answers, signatures - earlier.signatures);
    }
  }
}
