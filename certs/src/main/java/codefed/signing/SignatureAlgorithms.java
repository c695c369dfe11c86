package codefed.signing;

import healthcode.federation.v1.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The code-signing algorithms, the JCA implementation used for each, key generation and key ids
 * ({@code <issuer>-<alg>-<first 8 hex of SHA-256(SPKI)>}).
 */
public final class SignatureAlgorithms {
  /*
   * Measured with SignatureSpeed (certs test scope): JDK 17.0.15, BouncyCastle 1.86, one
   * thread, 120-byte message, operations per second of thread CPU time (best of 4 interleaved
   * rounds; the shared 2-core machine was under load 7-13, so wall-clock rates were useless).
   * Two runs; "verify" reuses an initialized Signature, "verify-new" makes one per call,
   * "verifier" is SignatureVerifier (domain prefix, per-thread Signature):
   *
   *   implementation  sign           verify        verify-new    verifier
   *   P-256 JDK         888 / 1028     452 / 504     447 / 494     446 / 633
   *   P-256 BC         9429 / 7010    9708 / 7230   9564 / 7467   9708 / 8139
   *   SM2 BC           8046 / 7121    8903 / 6724   8932 / 7282   8331 / 8026
   *   Ed25519 JDK      1182 / 940     1114 / 1011    948 / 846    1143 / 803
   *   Ed25519 BC      21977 / 18026  10491 / 7513  10285 / 8064   9841 / 6368
   *
   * The JDK's P-256 (~2 ms per verify here) and Ed25519 (~1 ms) are 10-20x slower than
   * BouncyCastle's, so every algorithm runs on BouncyCastle (implementation() below). On
   * BouncyCastle the three verify at about the same speed (~0.1 ms); Ed25519 signs 2-2.5x
   * faster (nodes sign every status assertion), needs no randomness to sign, and its
   * signatures are a fixed 64 bytes (DER ECDSA/SM2: 70-72), so it is the default. A fresh
   * Signature per call costs no measurable time; verifiers keep one per thread anyway.
   */
  /** The issuer algorithm used when none is chosen. See the measurements above. */
  public static final SignatureAlgorithm DEFAULT = SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519;

  private static final SecureRandom RANDOM = new SecureRandom();

  private SignatureAlgorithms() {}

  /** The implementation used for {@code algorithm}: the fastest one measured. */
  static JcaImplementation implementation(SignatureAlgorithm algorithm) {
    switch (algorithm) {
      case SIGNATURE_ALGORITHM_ECDSA_P256_SHA256:
        return JcaImplementation.P256_BC;
      case SIGNATURE_ALGORITHM_SM2_SM3:
        return JcaImplementation.SM2_BC;
      case SIGNATURE_ALGORITHM_ED25519:
        return JcaImplementation.ED25519_BC;
      default:
        throw new IllegalArgumentException(
            "algorithm: " + algorithm + " (expected: ECDSA_P256_SHA256, SM2_SM3 or ED25519)");
    }
  }

  /** The short name used in key ids and on the command line: p256, sm2, ed25519. */
  public static String shortName(SignatureAlgorithm algorithm) {
    switch (algorithm) {
      case SIGNATURE_ALGORITHM_ECDSA_P256_SHA256:
        return "p256";
      case SIGNATURE_ALGORITHM_SM2_SM3:
        return "sm2";
      case SIGNATURE_ALGORITHM_ED25519:
        return "ed25519";
      default:
        throw new IllegalArgumentException(
            "algorithm: " + algorithm + " (expected: ECDSA_P256_SHA256, SM2_SM3 or ED25519)");
    }
  }

  /** Parses a short name (p256, sm2, ed25519; case-insensitive). */
  public static SignatureAlgorithm parse(String shortName) {
    switch (shortName.toLowerCase(Locale.ROOT)) {
      case "p256":
        return SignatureAlgorithm.SIGNATURE_ALGORITHM_ECDSA_P256_SHA256;
      case "sm2":
        return SignatureAlgorithm.SIGNATURE_ALGORITHM_SM2_SM3;
      case "ed25519":
        return SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519;
      default:
        throw new IllegalArgumentException(
            "algorithm: " + shortName + " (expected: p256, sm2 or ed25519)");
    }
  }

  /** A fresh key pair for {@code algorithm}. */
  public static KeyPair generateKeyPair(SignatureAlgorithm algorithm) {
    return implementation(algorithm).keyPairGenerator().generateKeyPair();
  }

  /**
   * {@code <issuer>-<alg>-<first 8 hex of SHA-256(SPKI DER)>}, e.g. {@code 140000-sm2-1a2b3c4d}.
   */
  public static String keyId(String issuer, SignatureAlgorithm algorithm, byte[] spki) {
    return issuer + "-" + shortName(algorithm) + "-" + HexFormat.of().formatHex(sha256(spki), 0, 4);
  }

  /** The key id of a public key. */
  public static String keyId(String issuer, SignatureAlgorithm algorithm, PublicKey publicKey) {
    return keyId(issuer, algorithm, publicKey.getEncoded());
  }

  /**
   * Parses an X.509 SubjectPublicKeyInfo for {@code algorithm}.
   *
   * @throws IllegalArgumentException if the bytes are not a key of that algorithm (an SM2 key is
   *     refused for P-256 and vice versa: both are "EC" keys to the JCA)
   */
  public static PublicKey publicKey(SignatureAlgorithm algorithm, byte[] spki) {
    JcaImplementation impl = implementation(algorithm);
    ASN1ObjectIdentifier found;
    try {
      found = keyOid(SubjectPublicKeyInfo.getInstance(spki).getAlgorithm());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("public_key: not a DER SubjectPublicKeyInfo", e);
    }
    requireKeyOid(impl, found, "public_key");
    try {
      return impl.keyFactory().generatePublic(new X509EncodedKeySpec(spki));
    } catch (InvalidKeySpecException | RuntimeException e) {
      throw new IllegalArgumentException(
          "public_key: not a valid " + shortName(algorithm) + " key", e);
    }
  }

  /** Converts a public key of {@code algorithm} from any provider to the one in use. */
  static PublicKey translate(SignatureAlgorithm algorithm, PublicKey key) {
    return publicKey(algorithm, key.getEncoded());
  }

  /** Converts a private key of {@code algorithm} from any provider to the one in use. */
  static PrivateKey translate(SignatureAlgorithm algorithm, PrivateKey key) {
    JcaImplementation impl = implementation(algorithm);
    byte[] pkcs8 = key.getEncoded();
    if (pkcs8 == null) {
      throw new IllegalArgumentException("private_key: not exportable as PKCS#8");
    }
    ASN1ObjectIdentifier found;
    try {
      found = keyOid(PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("private_key: not a DER PKCS#8 PrivateKeyInfo", e);
    }
    requireKeyOid(impl, found, "private_key");
    try {
      return impl.keyFactory().generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new IllegalArgumentException(
          "private_key: not a valid " + shortName(algorithm) + " key", e);
    }
  }

  static SecureRandom random() {
    return RANDOM;
  }

  static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }

  /** The curve OID of an EC key, the algorithm OID of any other. */
  static ASN1ObjectIdentifier keyOid(AlgorithmIdentifier id) {
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(id.getAlgorithm())) {
      return ASN1ObjectIdentifier.getInstance(id.getParameters());
    }
    return id.getAlgorithm();
  }

  private static void requireKeyOid(
      JcaImplementation impl, ASN1ObjectIdentifier found, String field) {
    if (!impl.keyOid().equals(found)) {
      throw new IllegalArgumentException(
          field
              + ": key type "
              + found
              + " (expected: "
              + impl.keyOid()
              + " for "
              + shortName(impl.algorithm())
              + ")");
    }
  }
}
