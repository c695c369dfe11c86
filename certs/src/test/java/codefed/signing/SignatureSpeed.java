package codefed.signing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Random;

/**
 * Prints sign and verify throughput of every JCA implementation, the numbers behind {@link
 * SignatureAlgorithms#DEFAULT} and the provider chosen per algorithm. Not a test: run it by hand
 * after {@code mvn -pl certs -am test-compile}, e.g. {@code java -cp
 * certs/target/classes:certs/target/test-classes:proto/target/classes:<protobuf,bcprov,bcutil jars>
 * codefed.signing.SignatureSpeed}.
 *
 * <p>Rates are operations per second of this thread's CPU time, best of several interleaved rounds,
 * so that other processes on a shared machine distort them less than wall-clock rates would. Modes:
 * {@code sign} and {@code verify} reuse one initialized Signature; {@code verify-new} builds and
 * initializes a Signature per call; {@code verifier} is {@link SignatureVerifier} (domain prefix,
 * per-thread Signature).
 */
public final class SignatureSpeed {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long ROUND_CPU_NANOS = 700_000_000L;
  private static final int ROUNDS = 4;

  private SignatureSpeed() {}

  public static void main(String[] args) throws Exception {
    byte[] message = new byte[120]; // about the size of a serialized CodePayload
    new Random(42).nextBytes(message);
    System.out.printf(
        "ops per CPU-second, best of %d rounds of %d ms%n", ROUNDS, ROUND_CPU_NANOS / 1_000_000);
    System.out.printf(
        "%-12s %9s %9s %11s %9s%n", "impl", "sign", "verify", "verify-new", "verifier");
    for (JcaImplementation impl : JcaImplementation.values()) {
      if (args.length > 0 && !impl.name().startsWith(args[0])) {
        continue;
      }
      KeyPair keys = impl.keyPairGenerator().generateKeyPair();
      Signature signer = impl.newSignature();
      signer.initSign(keys.getPrivate());
      signer.update(message);
      byte[] signature = signer.sign();
      Signature verifier = impl.newSignature();
      verifier.initVerify(keys.getPublic());
      SignatureVerifier cached = new SignatureVerifier(impl, keys.getPublic());
      byte[] domainSignature =
          new Signer("speed", impl, keys.getPrivate(), keys.getPublic())
              .sign(SigningDomain.CODE, message);

      Op[] ops = {
        () -> {
          signer.update(message);
          signer.sign();
        },
        () -> {
          verifier.update(message);
          check(verifier.verify(signature));
        },
        () -> {
          Signature s = impl.newSignature();
          s.initVerify(keys.getPublic());
          s.update(message);
          check(s.verify(signature));
        },
        () -> cached.verify(SigningDomain.CODE, message, domainSignature),
      };
      double[] best = new double[ops.length];
      for (int round = 0; round <= ROUNDS; round++) {
        for (int i = 0; i < ops.length; i++) {
          double rate = rate(ops[i]);
          if (round > 0) { // round 0 warms the JIT up
            best[i] = Math.max(best[i], rate);
          }
        }
      }
      System.out.printf(
          "%-12s %9.0f %9.0f %11.0f %9.0f%n", impl, best[0], best[1], best[2], best[3]);
    }
  }

  private static void check(boolean valid) {
    if (!valid) {
      throw new IllegalStateException("signature did not verify");
    }
  }

  private static double rate(Op op) throws Exception {
    long start = THREADS.getCurrentThreadCpuTime();
    long end = start + ROUND_CPU_NANOS;
    long count = 0;
    long now;
    do {
      for (int i = 0; i < 10; i++) {
        op.run();
      }
      count += 10;
      now = THREADS.getCurrentThreadCpuTime();
    } while (now < end);
    return count * 1e9 / (now - start);
  }

  @FunctionalInterface
  private interface Op {
    void run() throws Exception;
  }
}
