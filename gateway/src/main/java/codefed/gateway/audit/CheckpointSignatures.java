package codefed.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.HexFormat;

/**
 * Checkpoint signatures: ECDSA P-256 with SHA-256 over the domain prefix and the exact
 * checkpoint bytes. The key id is derived from the public key so that an auditor can tell
 * which key signed without trusting the log.
 */
public final class CheckpointSignatures {
  /** Domain separation: a checkpoint signature can never pass for a code or assertion one. */
  public static final byte[] DOMAIN = "codefed/v1/checkpoint\0".getBytes(StandardCharsets.US_ASCII);

  private static final String ALGORITHM = "SHA256withECDSA";

  private CheckpointSignatures() {}

  /** A signer for a P-256 private key (e.g. the gateway identity's key from the PKI). */
  public static CheckpointSigner signer(PrivateKey key, PublicKey publicKey) {
    String keyId = keyId(publicKey);
    return new CheckpointSigner() {
      @Override
      public String keyId() {
        return keyId;
      }

      @Override
      public byte[] sign(byte[] checkpointBytes) {
        try {
          Signature s = Signature.getInstance(ALGORITHM);
          s.initSign(key);
          s.update(DOMAIN);
          s.update(checkpointBytes);
          return s.sign();
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("cannot sign checkpoint with key " + keyId, e);
        }
      }
    };
  }

  /** {@code "audit-"} + the first 8 bytes (hex) of SHA-256 of the key's SubjectPublicKeyInfo. */
  public static String keyId(PublicKey key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return "audit-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  /** Throws unless {@code signature} is {@code key}'s signature over the checkpoint bytes. */
  public static void verify(PublicKey key, byte[] checkpointBytes, byte[] signature)
      throws GeneralSecurityException {
    Signature s = Signature.getInstance(ALGORITHM);
    s.initVerify(key);
    s.update(DOMAIN);
    s.update(checkpointBytes);
    if (!s.verify(signature)) {
      throw new java.security.SignatureException("checkpoint signature does not verify");
    }
  }
}
