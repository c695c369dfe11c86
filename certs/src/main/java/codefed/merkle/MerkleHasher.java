package codefed.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 9162 (RFC 6962) hashing: leaf = SHA-256(0x00 || data), node = SHA-256(0x01 || left || right),
 * the empty tree = SHA-256(""). The prefixes keep a leaf from passing for a node.
 */
public final class MerkleHasher {
  public static final int HASH_SIZE = 32;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  /** One digest per thread: the writer hashes every record, so no provider lookup per hash. */
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(MerkleHasher::newSha256);

  private MerkleHasher() {}

  public static byte[] emptyRoot() {
    return sha256().digest();
  }

  public static byte[] leafHash(byte[] data) {
    return leafHash(data, 0, data.length);
  }

  public static byte[] leafHash(byte[] data, int offset, int length) {
    MessageDigest md = sha256();
    md.update(LEAF_PREFIX);
    md.update(data, offset, length);
    return md.digest();
  }

  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest md = sha256();
    md.update(NODE_PREFIX);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  /** This thread's SHA-256, reset. */
  static MessageDigest sha256() {
    MessageDigest md = DIGEST.get();
    md.reset();
    return md;
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
