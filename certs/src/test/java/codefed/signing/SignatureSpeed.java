package codefed.signing;

import java.security.KeyPair;
import java.security.Signature;
import java.util.Random;

/**
 * Prints sign and verify throughput (ops/s, one thread) of every JCA implementation, the
 * numbers behind {@link SignatureAlgorithms#DEFAULT}. Not a test: run it by hand, e.g.
 * {@code java -cp certs/target/classes:certs/target/test-classes:<deps> codefed.signing.SignatureSpeed}.
 */
public final class SignatureSpeed {
  private static final long WARMUP_NANOS = 1_500_000_000L;
  private static final long MEASURE_NANOS = 3_000_000_000L;

  private SignatureSpeed() {}

  public static void main(String[] args) throws Exception {
    byte[] message = new byte[120]; // about the size of a serialized CodePayload
    new Random(42).nextBytes(message);
    System.out.printf("%-12s %10s %10s %14s %14s%n",
        "impl", "sign/s", "verify/s", "verify-new/s", "verifier/s");
    for (JcaImplementation impl : JcaImplementation.values()) {
      KeyPair keys = impl.keyPairGenerator().generateKeyPair();
      Signature signer = impl.newSignature();
      signer.initSign(keys.getPrivate());
      signer.update(message);
      byte[] signature = signer.sign();

      double sign = rate(() -> {
        signer.update(message);
        signer.sign();
      });
      Signature verifier = impl.newSignature();
      verifier.initVerify(keys.getPublic());
      double verify = rate(() -> {
        verifier.update(message);
        check(verifier.verify(signature));
      });
      // A fresh Signature per call: what a verifier without per-thread caching would pay.
      double verifyNew = rate(() -> {
        Signature s = impl.newSignature();
        s.initVerify(keys.getPublic());
        s.update(message);
        check(s.verify(signature));
      });
      SignatureVerifier cached = new SignatureVerifier(impl, keys.getPublic());
      byte[] domainSignature = new Signer("speed", impl, keys.getPrivate(), keys.getPublic())
          .sign(SigningDomain.CODE, message);
      double verifierRate = rate(() -> cached.verify(SigningDomain.CODE, message, domainSignature));
      System.out.printf("%-12s %10.0f %10.0f %14.0f %14.0f%n",
          impl, sign, verify, verifyNew, verifierRate);
    }
  }

  private static void check(boolean valid) {
    if (!valid) {
      throw new IllegalStateException("signature did not verify");
    }
  }

  private static double rate(Op op) throws Exception {
    long end = System.nanoTime() + WARMUP_NANOS;
    while (System.nanoTime() < end) {
      op.run();
    }
    long start = System.nanoTime();
    end = start + MEASURE_NANOS;
    long count = 0;
    long now;
    do {
      op.run();
      count++;
      now = System.nanoTime();
    } while (now < end);
    return count * 1e9 / (now - start);
  }

  @FunctionalInterface
  private interface Op {
    void run() throws Exception;
  }
}
