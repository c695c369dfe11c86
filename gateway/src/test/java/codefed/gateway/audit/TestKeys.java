package codefed.gateway.audit;

import codefed.signing.Signer;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/** P-256 key pairs for checkpoint signing in tests. */
public final class TestKeys {
  private TestKeys() {}

  public static KeyPair p256() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  /** A checkpoint signer for gateway "150000" with this key pair. */
  public static Signer signer(KeyPair pair) {
    return Signer.of(
        CheckpointSignatures.keyId("150000", pair.getPublic()),
        CheckpointSignatures.ALGORITHM,
        pair);
  }

  /** Rebuilds a key pair from its PKCS#8 and SPKI encodings (for a child JVM). */
  public static KeyPair decode(byte[] pkcs8, byte[] spki) {
    try {
      KeyFactory f = KeyFactory.getInstance("EC");
      PublicKey pub = f.generatePublic(new X509EncodedKeySpec(spki));
      return new KeyPair(pub, f.generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }
}
