package codefed.signing;

import healthcode.federation.v1.SignatureAlgorithm;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Objects;

/**
 * Signs messages in a {@link SigningDomain} with one issuer (or CA) key. Thread-safe: each thread
 * keeps its own initialized {@link Signature}.
 */
public final class Signer {
  private final String keyId;
  private final JcaImplementation implementation;
  private final PrivateKey privateKey;
  private final PublicKey publicKey;
  private final ThreadLocal<Signature> signature;

  /** libsodium and the 64-byte secret key when the key is Ed25519 and the library loaded. */
  private final SodiumEd25519 sodium;

  private final byte[] rawSecretKey;

  Signer(
      String keyId, JcaImplementation implementation, PrivateKey privateKey, PublicKey publicKey) {
    this.keyId = Objects.requireNonNull(keyId, "keyId");
    this.implementation = implementation;
    this.privateKey = privateKey;
    this.publicKey = publicKey;
    this.signature = ThreadLocal.withInitial(this::newSignature);
    this.sodium =
        implementation == JcaImplementation.ED25519_BC
            ? Libsodium.get().map(SodiumEd25519::new).orElse(null)
            : null;
    this.rawSecretKey = sodium == null ? null : sodium.secretKey(RawKeys.ed25519Seed(privateKey));
    selfTest();
  }

  /**
   * A signer for a key pair of {@code algorithm}.
   *
   * @throws IllegalArgumentException if the keys are not of that algorithm or do not belong
   *     together
   */
  public static Signer of(
      String keyId, SignatureAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {
    return new Signer(
        keyId,
        SignatureAlgorithms.implementation(algorithm),
        SignatureAlgorithms.translate(algorithm, privateKey),
        SignatureAlgorithms.translate(algorithm, publicKey));
  }

  /** A signer for a key pair of {@code algorithm}. */
  public static Signer of(String keyId, SignatureAlgorithm algorithm, KeyPair keyPair) {
    return of(keyId, algorithm, keyPair.getPrivate(), keyPair.getPublic());
  }

  /**
   * Loads a PKCS#8 PEM private key; the public key is derived from it.
   *
   * @throws IOException if the file cannot be read or holds no usable key
   * @throws IllegalArgumentException if the key is not of {@code algorithm}
   */
  public static Signer load(Path pkcs8PemFile, String keyId, SignatureAlgorithm algorithm)
      throws IOException {
    PrivateKey privateKey = KeyFiles.readPrivateKey(pkcs8PemFile);
    return of(keyId, algorithm, privateKey, KeyFiles.derivePublicKey(privateKey));
  }

  /**
   * A fresh in-memory key (tests, demos); the key id is derived from the public key as for issuer
   * keys, with {@code keyIdPrefix} in the issuer's place.
   */
  public static Signer generate(String keyIdPrefix, SignatureAlgorithm algorithm) {
    KeyPair keyPair = SignatureAlgorithms.generateKeyPair(algorithm);
    return of(
        SignatureAlgorithms.keyId(keyIdPrefix, algorithm, keyPair.getPublic()), algorithm, keyPair);
  }

  public String keyId() {
    return keyId;
  }

  public SignatureAlgorithm algorithm() {
    return implementation.algorithm();
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** A verifier for this signer's public key. */
  public SignatureVerifier verifier() {
    return new SignatureVerifier(implementation, publicKey);
  }

  /** Signs {@code domain.prefix() || message}. */
  public byte[] sign(SigningDomain domain, byte[] message) {
    if (sodium != null) {
      return sodium.sign(rawSecretKey, domain.prefixBytes(), message);
    }
    Signature s = signature.get();
    try {
      s.update(domain.prefixBytes());
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException | RuntimeException e) {
      // Leave no half-fed Signature behind for the next call on this thread.
      signature.remove();
      throw new IllegalStateException("signing with key " + keyId + " failed", e);
    }
  }

  private Signature newSignature() {
    Signature s = implementation.newSignature();
    try {
      s.initSign(privateKey, SignatureAlgorithms.random());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "private_key: unusable for " + SignatureAlgorithms.shortName(implementation.algorithm()),
          e);
    }
    return s;
  }

  /** Refuses a private key that does not match the public key before it signs anything. */
  private void selfTest() {
    byte[] probe = "codefed signer self-test".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    try {
      verifier().verify(SigningDomain.CODE, probe, sign(SigningDomain.CODE, probe));
    } catch (SignatureVerificationException e) {
      throw new IllegalArgumentException(
          "key " + keyId + ": private key does not match the public key", e);
    }
  }

  @Override
  public String toString() {
    return "Signer[" + keyId + "]";
  }
}
