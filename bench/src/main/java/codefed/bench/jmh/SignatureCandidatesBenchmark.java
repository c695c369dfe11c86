package codefed.bench.jmh;

import codefed.signing.Libsodium;
import com.google.crypto.tink.subtle.Ed25519Sign;
import com.google.crypto.tink.subtle.Ed25519Verify;
import com.goterl.lazysodium.SodiumJava;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The signature implementations a gateway and a node could use, side by side on the same message (a
 * 160-byte status assertion): verify (gateway: every code and every node answer) and sign (node:
 * every answer). The project's choice per algorithm, in {@code SignatureAlgorithms}, follows these
 * figures.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureCandidatesBenchmark {
  @Param({
    "ed25519-bouncycastle",
    "ed25519-jdk",
    "ed25519-libsodium",
    "ed25519-tink",
    "p256-bouncycastle",
    "p256-jdk",
    "sm2-bouncycastle"
  })
  public String implementation;

  private interface Candidate {
    byte[] sign(byte[] message) throws Exception;

    boolean verify(byte[] message, byte[] signature) throws Exception;
  }

  private Candidate candidate;
  private byte[] message;
  private byte[] signature;

  @Setup
  public void setUp() throws Exception {
    message = new byte[160];
    new Random(1).nextBytes(message);
    Provider bc = new BouncyCastleProvider();
    candidate =
        switch (implementation) {
          case "ed25519-bouncycastle" -> jca("Ed25519", "Ed25519", null, bc);
          case "ed25519-jdk" -> jca("Ed25519", "Ed25519", null, null);
          case "ed25519-libsodium" -> libsodium();
          case "ed25519-tink" -> tink();
          case "p256-bouncycastle" -> jca("SHA256withECDSA", "EC", "secp256r1", bc);
          case "p256-jdk" -> jca("SHA256withECDSA", "EC", "secp256r1", null);
          case "sm2-bouncycastle" -> jca("SM3withSM2", "EC", "sm2p256v1", bc);
          default -> throw new IllegalArgumentException("implementation: " + implementation);
        };
    signature = candidate.sign(message);
    if (!candidate.verify(message, signature)) {
      throw new IllegalStateException(implementation + ": own signature does not verify");
    }
  }

  @Benchmark
  public boolean verify() throws Exception {
    return candidate.verify(message, signature);
  }

  @Benchmark
  public byte[] sign() throws Exception {
    return candidate.sign(message);
  }

  private static Candidate jca(
      String algorithm, String keyAlgorithm, String curve, Provider provider) throws Exception {
    KeyPairGenerator generator =
        provider == null
            ? KeyPairGenerator.getInstance(keyAlgorithm)
            : KeyPairGenerator.getInstance(keyAlgorithm, provider);
    if (curve != null) {
      generator.initialize(new ECGenParameterSpec(curve));
    }
    KeyPair keys = generator.generateKeyPair();
    Signature signer =
        provider == null
            ? Signature.getInstance(algorithm)
            : Signature.getInstance(algorithm, provider);
    Signature verifier =
        provider == null
            ? Signature.getInstance(algorithm)
            : Signature.getInstance(algorithm, provider);
    signer.initSign(keys.getPrivate());
    verifier.initVerify(keys.getPublic());
    return new Candidate() {
      @Override
      public byte[] sign(byte[] m) throws Exception {
        signer.update(m);
        return signer.sign();
      }

      @Override
      public boolean verify(byte[] m, byte[] s) throws Exception {
        verifier.update(m);
        return verifier.verify(s);
      }
    };
  }

  private static Candidate libsodium() {
    SodiumJava sodium =
        Libsodium.get().orElseThrow(() -> new IllegalStateException("libsodium unavailable here"));
    byte[] publicKey = new byte[32];
    byte[] secretKey = new byte[64];
    sodium.crypto_sign_keypair(publicKey, secretKey);
    return new Candidate() {
      @Override
      public byte[] sign(byte[] m) {
        byte[] s = new byte[64];
        sodium.crypto_sign_detached(s, null, m, m.length, secretKey);
        return s;
      }

      @Override
      public boolean verify(byte[] m, byte[] s) {
        return sodium.crypto_sign_verify_detached(s, m, m.length, publicKey) == 0;
      }
    };
  }

  private static Candidate tink() throws Exception {
    Ed25519Sign.KeyPair keys = Ed25519Sign.KeyPair.newKeyPair();
    Ed25519Sign signer = new Ed25519Sign(keys.getPrivateKey());
    Ed25519Verify verifier = new Ed25519Verify(keys.getPublicKey());
    return new Candidate() {
      @Override
      public byte[] sign(byte[] m) throws Exception {
        return signer.sign(m);
      }

      @Override
      public boolean verify(byte[] m, byte[] s) {
        try {
          verifier.verify(s, m);
          return true;
        } catch (java.security.GeneralSecurityException e) {
          return false;
        }
      }
    };
  }
}
