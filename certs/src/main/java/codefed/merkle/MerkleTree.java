package codefed.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * An append-only RFC 9162 Merkle tree over leaf hashes, built incrementally.
 *
 * <p>It keeps every leaf hash and the hash of every complete, aligned subtree of 16 leaves or more
 * (levels 1–3 are recomputed from at most 8 leaves when needed: that saves 7/8 of the inner-node
 * memory). The root of any prefix and every inclusion or consistency proof then take O(log n)
 * stored hashes plus a few dozen hash operations, for millions of leaves.
 *
 * <p>One thread appends; any thread may ask for roots and proofs of sizes up to {@link #size()}:
 * the volatile size publishes the hashes written before it.
 */
public final class MerkleTree {
  private static final int FIRST_CACHED_LEVEL = 4;
  private static final int MAX_LEVELS = 64;

  private final HashStore leaves = new HashStore();
  private final HashStore[] levels = new HashStore[MAX_LEVELS];

  /** The right edge: frontier[k] is the complete level-k subtree not yet paired (writer only). */
  private final byte[][] frontier = new byte[MAX_LEVELS][];

  private volatile long size;

  public long size() {
    return size;
  }

  /** Appends one leaf hash ({@link MerkleHasher#leafHash}); single writer. */
  public void append(byte[] leafHash) {
    if (leafHash.length != MerkleHasher.HASH_SIZE) {
      throw new IllegalArgumentException(
          "leafHash: " + leafHash.length + " bytes (expected: " + MerkleHasher.HASH_SIZE + ")");
    }
    long n = size;
    leaves.add(leafHash);
    byte[] hash = leafHash;
    int level = 0;
    while (((n >>> level) & 1L) == 1L) {
      hash = MerkleHasher.nodeHash(frontier[level], hash);
      frontier[level] = null;
      level++;
      if (level >= FIRST_CACHED_LEVEL) {
        levelStore(level).add(hash);
      }
    }
    frontier[level] = hash;
    size = n + 1;
  }

  public byte[] leafHash(long index) {
    checkIndex(index, size());
    return leaves.get(index);
  }

  /** The root of the whole tree. */
  public byte[] root() {
    return root(size());
  }

  /** The root of the tree of the first {@code treeSize} leaves. */
  public byte[] root(long treeSize) {
    checkSize(treeSize);
    return treeSize == 0 ? MerkleHasher.emptyRoot() : rangeHash(0, treeSize);
  }

  /** RFC 9162 §2.1.3.1 inclusion proof of leaf {@code index} in the tree of {@code treeSize}. */
  public List<byte[]> inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    checkIndex(index, treeSize);
    List<byte[]> out = new ArrayList<>();
    path(index, 0, treeSize, out);
    return out;
  }

  /**
   * RFC 9162 §2.1.4.1 consistency proof between the trees of {@code firstSize} and {@code
   * secondSize} leaves; empty when they are equal.
   */
  public List<byte[]> consistencyProof(long firstSize, long secondSize) {
    checkSize(secondSize);
    if (firstSize < 1 || firstSize > secondSize) {
      throw new IllegalArgumentException(
          "firstSize: " + firstSize + " (expected: 1.." + secondSize + ")");
    }
    List<byte[]> out = new ArrayList<>();
    if (firstSize < secondSize) {
      subproof(firstSize, 0, secondSize, true, out);
    }
    return out;
  }

  private void path(long m, long start, long end, List<byte[]> out) {
    long n = end - start;
    if (n == 1) {
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(m, start, start + k, out);
      out.add(rangeHash(start + k, end));
    } else {
      path(m - k, start + k, end, out);
      out.add(rangeHash(start, start + k));
    }
  }

  private void subproof(long m, long start, long end, boolean complete, List<byte[]> out) {
    long n = end - start;
    if (m == n) {
      if (!complete) {
        out.add(rangeHash(start, end));
      }
      return;
    }
    long k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, start, start + k, complete, out);
      out.add(rangeHash(start + k, end));
    } else {
      subproof(m - k, start + k, end, false, out);
      out.add(rangeHash(start, start + k));
    }
  }

  /** MTH(D[start:end]) for a non-empty range. */
  private byte[] rangeHash(long start, long end) {
    long n = end - start;
    if (Long.bitCount(n) == 1 && start % n == 0) {
      return subtree(Long.numberOfTrailingZeros(n), start / n);
    }
    long k = largestPowerOfTwoBelow(n);
    return MerkleHasher.nodeHash(rangeHash(start, start + k), rangeHash(start + k, end));
  }

  /** The hash of the complete subtree of 2^level leaves starting at leaf index * 2^level. */
  private byte[] subtree(int level, long index) {
    if (level == 0) {
      return leaves.get(index);
    }
    if (level >= FIRST_CACHED_LEVEL) {
      return levels[level].get(index);
    }
    return MerkleHasher.nodeHash(subtree(level - 1, 2 * index), subtree(level - 1, 2 * index + 1));
  }

  private HashStore levelStore(int level) {
    HashStore store = levels[level];
    if (store == null) {
      store = new HashStore();
      levels[level] = store;
    }
    return store;
  }

  /** The largest power of two strictly below n (n >= 2). */
  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private void checkSize(long treeSize) {
    long current = size();
    if (treeSize < 0 || treeSize > current) {
      throw new IllegalArgumentException(
          "treeSize: " + treeSize + " (expected: 0.." + current + ")");
    }
  }

  private static void checkIndex(long index, long treeSize) {
    if (index < 0 || index >= treeSize) {
      throw new IllegalArgumentException(
          "leafIndex: " + index + " (expected: 0.." + (treeSize - 1) + ")");
    }
  }
}
