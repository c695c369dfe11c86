package codefed.gateway.audit;

import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.signing.SignatureAlgorithms;
import codefed.signing.SignatureVerificationException;
import codefed.signing.SignatureVerifier;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import healthcode.federation.v1.SignatureAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * Checkpoint signatures. Gateways sign with their audit-signing key ({@link
 * codefed.gateway.audit.signing.AuditKey}, certified apart from TLS; the certificate travels in
 * each checkpoint); older set-ups sign with the gateway identity's own P-256 key ({@code
 * gateway/<name>} in the PKI directory), verified with that identity's certificate. No key ever
 * lives in the log directory, and the CA vouches for whose key it is. Signatures cover {@link
 * SigningDomain#CHECKPOINT} followed by the exact checkpoint bytes; the key id is {@code
 * gateway-<name>-p256-<first 8 hex of SHA-256(SPKI)>}.
 */
public final class CheckpointSignatures {
  public static final SignatureAlgorithm ALGORITHM =
      SignatureAlgorithm.SIGNATURE_ALGORITHM_ECDSA_P256_SHA256;

  private CheckpointSignatures() {}

  /** The checkpoint key id of gateway {@code gateway} with public key {@code key}. */
  public static String keyId(String gateway, PublicKey key) {
    return SignatureAlgorithms.keyId("gateway-" + gateway, ALGORITHM, key);
  }

  /** The checkpoint signer of gateway {@code gateway}: its identity key from the PKI. */
  public static Signer gatewaySigner(PkiDirectory pki, String gateway) throws IOException {
    PublicKey publicKey = gatewayKey(pki, gateway);
    return Signer.load(pki.privateKey(Role.GATEWAY, gateway), keyId(gateway, publicKey), ALGORITHM);
  }

  /** The public key in gateway {@code gateway}'s identity certificate. */
  public static PublicKey gatewayKey(PkiDirectory pki, String gateway) throws IOException {
    try (InputStream in = Files.newInputStream(pki.certificate(Role.GATEWAY, gateway))) {
      X509Certificate cert =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      return cert.getPublicKey();
    } catch (CertificateException e) {
      throw new IOException("gateway/" + gateway + ": unreadable certificate", e);
    }
  }

  /** Throws unless {@code signature} is {@code key}'s checkpoint signature over the bytes. */
  public static void verify(PublicKey key, byte[] checkpointBytes, byte[] signature)
      throws SignatureVerificationException {
    verify(verifier(key), checkpointBytes, signature);
  }

  /** As above with {@code key}'s {@link #verifier}, for a caller that checks many checkpoints. */
  public static void verify(SignatureVerifier key, byte[] checkpointBytes, byte[] signature)
      throws SignatureVerificationException {
    key.verify(SigningDomain.CHECKPOINT, checkpointBytes, signature);
  }

  /**
   * A verifier of checkpoint signatures by {@code key}; building one parses the key, so a caller
   * that checks a whole log's checkpoints keeps it.
   */
  public static SignatureVerifier verifier(PublicKey key) {
    return SignatureVerifier.of(ALGORITHM, key);
  }
}
