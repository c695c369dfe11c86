package codefed.signing;

import java.nio.ByteBuffer;

/**
 * What a node signs for a batch of answers ({@link SigningDomain#ASSERTION_BATCH}): the number of
 * answers and the RFC 9162 root over their leaf hashes, as {@code tree_size} (8 bytes, big-endian)
 * followed by the root (32 bytes).
 */
public record BatchRoot(long treeSize, byte[] root) {
  /** The largest batch a signature may cover. */
  public static final long MAX_TREE_SIZE = 65_536;

  public BatchRoot {
    if (treeSize < 1 || treeSize > MAX_TREE_SIZE) {
      throw new IllegalArgumentException(
          "treeSize: " + treeSize + " (expected: 1 to " + MAX_TREE_SIZE + ")");
    }
    if (root.length != 32) {
      throw new IllegalArgumentException("root: " + root.length + " bytes (expected: 32)");
    }
    root = root.clone();
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  /** The bytes the signature covers after the domain's prefix. */
  public byte[] signedBytes() {
    return ByteBuffer.allocate(8 + root.length).putLong(treeSize).put(root).array();
  }
}
