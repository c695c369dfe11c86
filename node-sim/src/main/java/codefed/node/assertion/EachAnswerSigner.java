package codefed.node.assertion;

import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.SignedAssertion;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/** One signature per answer ({@link SigningDomain#ASSERTION}), made on the caller's thread. */
final class EachAnswerSigner implements AnswerSigner {
  private final Supplier<Signer> key;
  private final LongAdder signed = new LongAdder();

  EachAnswerSigner(Supplier<Signer> key) {
    this.key = key;
  }

  @Override
  public CompletableFuture<SignedAssertion> sign(byte[] assertion) {
    Signer signer = key.get();
    SignedAssertion answer =
        SignedAssertion.newBuilder()
            .setAssertion(ByteString.copyFrom(assertion))
            .setKeyId(signer.keyId())
            .setSignature(ByteString.copyFrom(signer.sign(SigningDomain.ASSERTION, assertion)))
            .build();
    signed.increment();
    return CompletableFuture.completedFuture(answer);
  }

  @Override
  public SigningCounts counts() {
    long n = signed.sum();
    return new SigningCounts(n, n);
  }

  @Override
  public void close() {}
}
