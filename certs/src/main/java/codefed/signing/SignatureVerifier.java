package codefed.signing;

import healthcode.federation.v1.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;

/**
 * Verifies signatures made with one public key in a {@link SigningDomain}. Build it once per key
 * and reuse it: the key is parsed once and each thread keeps an initialized {@link Signature}.
 * Thread-safe. A signature that does not verify is an exception, never a {@code false}.
 */
public final class SignatureVerifier {
  private final JcaImplementation implementation;
  private final PublicKey publicKey;
  private final ThreadLocal<Signature> signature;

  /** libsodium and the raw key when the key is Ed25519 and the native library loaded. */
  private final SodiumEd25519 sodium;

  private final byte[] rawPublicKey;

  /** The key's SubjectPublicKeyInfo, encoded once (what {@link VerifiedSignatures} keys on). */
  private final byte[] spki;

  SignatureVerifier(JcaImplementation implementation, PublicKey publicKey) {
    this.implementation = implementation;
    this.publicKey = publicKey;
    this.signature = ThreadLocal.withInitial(this::newSignature);
    newSignature(); // fail now, not on first use, if the key is unusable
    this.sodium =
        implementation == JcaImplementation.ED25519_BC
            ? Libsodium.get().map(SodiumEd25519::new).orElse(null)
            : null;
    this.rawPublicKey = sodium == null ? null : RawKeys.ed25519PublicKey(publicKey);
    this.spki = publicKey.getEncoded();
  }

  /**
   * A verifier for an X.509 SubjectPublicKeyInfo (DER) of {@code algorithm}.
   *
   * @throws IllegalArgumentException if the bytes are not a public key of that algorithm
   */
  public static SignatureVerifier of(SignatureAlgorithm algorithm, byte[] spki) {
    return new SignatureVerifier(
        SignatureAlgorithms.implementation(algorithm),
        SignatureAlgorithms.publicKey(algorithm, spki));
  }

  /** A verifier for a public key of {@code algorithm} from any provider. */
  public static SignatureVerifier of(SignatureAlgorithm algorithm, PublicKey publicKey) {
    return of(algorithm, publicKey.getEncoded());
  }

  public SignatureAlgorithm algorithm() {
    return implementation.algorithm();
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The encoded key, shared: callers in this package never modify it. */
  byte[] spki() {
    return spki;
  }

  /**
   * Checks {@code signature} over {@code domain.prefix() || message}.
   *
   * @throws SignatureVerificationException if it does not verify or is not even well-formed
   */
  public void verify(SigningDomain domain, byte[] message, byte[] signatureBytes)
      throws SignatureVerificationException {
    if (sodium != null) {
      if (!sodium.verify(rawPublicKey, domain.prefixBytes(), message, signatureBytes)) {
        throw new SignatureVerificationException(
            signatureBytes.length == 64
                ? "ed25519 signature does not verify"
                : "ed25519 signature malformed");
      }
      return;
    }
    Signature s = signature.get();
    boolean valid;
    try {
      s.update(domain.prefixBytes());
      s.update(message);
      valid = s.verify(signatureBytes);
    } catch (GeneralSecurityException | RuntimeException e) {
      // A provider may leave the object mid-operation after a decoding failure.
      signature.remove();
      throw new SignatureVerificationException(
          SignatureAlgorithms.shortName(algorithm()) + " signature malformed", e);
    }
    if (!valid) {
      throw new SignatureVerificationException(
          SignatureAlgorithms.shortName(algorithm()) + " signature does not verify");
    }
  }

  private Signature newSignature() {
    Signature s = implementation.newSignature();
    try {
      s.initVerify(publicKey);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "public_key: unusable for " + SignatureAlgorithms.shortName(implementation.algorithm()),
          e);
    }
    return s;
  }
}
