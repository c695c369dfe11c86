package codefed.signing;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signatures already found valid in one run of an auditor's tool, so that the same signed bytes are
 * not verified again: a busy gateway's log carries the same node answer (same signature over the
 * same bytes) in every cache hit. A verdict is reused only for the very same public key, domain,
 * SHA-256 of the signed bytes and signature bytes; anything else is verified afresh, and failures
 * are never remembered. Bounded (emptied when full); thread-safe.
 */
public final class VerifiedSignatures {
  /** Default bound: 100,000 entries of about 200 bytes. */
  public static final int DEFAULT_CAPACITY = 100_000;

  private final int capacity;
  private final ConcurrentHashMap<ByteBuffer, Boolean> valid = new ConcurrentHashMap<>();
  private final ThreadLocal<MessageDigest> sha256 =
      ThreadLocal.withInitial(VerifiedSignatures::newSha256);

  public VerifiedSignatures(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
    }
    this.capacity = capacity;
  }

  /**
   * Like {@link SignatureVerifier#verify}, skipping the signature arithmetic when these exact bytes
   * were found valid with this exact key before.
   */
  public void verify(
      SignatureVerifier verifier, SigningDomain domain, byte[] message, byte[] signature)
      throws SignatureVerificationException {
    ByteBuffer key = key(verifier, domain, message, signature);
    if (valid.containsKey(key)) {
      return;
    }
    verifier.verify(domain, message, signature);
    if (valid.size() >= capacity) {
      valid.clear();
    }
    valid.put(key, Boolean.TRUE);
  }

  /** How many verdicts are held now. */
  public int size() {
    return valid.size();
  }

  private ByteBuffer key(
      SignatureVerifier verifier, SigningDomain domain, byte[] message, byte[] signature) {
    MessageDigest md = sha256.get();
    md.reset();
    md.update(domain.prefixBytes());
    md.update(message);
    byte[] digest = md.digest();
    byte[] spki = verifier.spki();
    ByteBuffer b = ByteBuffer.allocate(12 + spki.length + digest.length + signature.length);
    b.putInt(spki.length)
        .put(spki)
        .putInt(digest.length)
        .put(digest)
        .putInt(signature.length)
        .put(signature);
    return b.flip();
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
