package codefed.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of an RFC 9162 tree of the first {@code size} leaves: one hash per set bit of
 * {@code size}, the root of each perfect subtree along the edge, largest first (transparency-dev's
 * compact range [0, size)). It is all an auditor must keep to extend a verified tree: appending the
 * new leaves and folding the edge gives the root of the larger tree, without the old leaves.
 * Single-threaded; {@link #copy} to keep a state.
 */
public final class CompactRange {
  /** hashes[k]: the perfect subtree of 2^k leaves on the edge, or null (bit k of size clear). */
  private final byte[][] hashes = new byte[64][];

  private long size;

  /** The empty tree. */
  public CompactRange() {}

  /**
   * A stored edge: {@code frontier} as {@link #frontier()} returned it for {@code size}.
   *
   * @throws IllegalArgumentException if the count or the lengths do not fit {@code size}
   */
  public static CompactRange of(long size, List<byte[]> frontier) {
    if (size < 0) {
      throw new IllegalArgumentException("size: " + size + " (expected: >= 0)");
    }
    if (frontier.size() != Long.bitCount(size)) {
      throw new IllegalArgumentException(
          "frontier: "
              + frontier.size()
              + " hashes (expected: "
              + Long.bitCount(size)
              + " for size "
              + size
              + ")");
    }
    CompactRange r = new CompactRange();
    int next = 0;
    for (int level = 63; level >= 0; level--) {
      if (((size >>> level) & 1L) == 1L) {
        byte[] h = frontier.get(next++);
        if (h.length != MerkleHasher.HASH_SIZE) {
          throw new IllegalArgumentException(
              "frontier hash " + (next - 1) + ": " + h.length + " bytes (expected: 32)");
        }
        r.hashes[level] = h.clone();
      }
    }
    r.size = size;
    return r;
  }

  public long size() {
    return size;
  }

  /** Appends one leaf hash. */
  public void append(byte[] leafHash) {
    byte[] hash = leafHash;
    int level = 0;
    while (((size >>> level) & 1L) == 1L) {
      hash = MerkleHasher.nodeHash(hashes[level], hash);
      hashes[level] = null;
      level++;
    }
    hashes[level] = hash;
    size++;
  }

  /** The root of the tree of {@link #size()} leaves (SHA-256("") when empty). */
  public byte[] root() {
    byte[] root = null;
    for (int level = 0; level < 64; level++) {
      if (hashes[level] != null) {
        root = root == null ? hashes[level] : MerkleHasher.nodeHash(hashes[level], root);
      }
    }
    return root == null ? MerkleHasher.emptyRoot() : root.clone();
  }

  /** The edge, largest subtree first: what {@link #of} takes back. */
  public List<byte[]> frontier() {
    List<byte[]> out = new ArrayList<>();
    for (int level = 63; level >= 0; level--) {
      if (hashes[level] != null) {
        out.add(hashes[level].clone());
      }
    }
    return out;
  }

  public CompactRange copy() {
    CompactRange c = new CompactRange();
    System.arraycopy(hashes, 0, c.hashes, 0, hashes.length);
    c.size = size;
    return c;
  }
}
