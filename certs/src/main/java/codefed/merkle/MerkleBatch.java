package codefed.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 9162 tree built at once over a batch of leaf hashes, with every leaf's inclusion
 * proof: what a node signs when it signs many answers with one signature. Each level pairs its
 * nodes left to right and carries an unpaired last node up unchanged, which gives the same root and
 * the same audit paths as RFC 9162's recursive definition.
 */
public final class MerkleBatch {
  private final List<byte[][]> levels;

  private MerkleBatch(List<byte[][]> levels) {
    this.levels = levels;
  }

  /**
   * @param leafHashes the leaves in order ({@link MerkleHasher#leafHash}), at least one
   */
  public static MerkleBatch of(List<byte[]> leafHashes) {
    if (leafHashes.isEmpty()) {
      throw new IllegalArgumentException("leafHashes: empty (expected: at least one leaf)");
    }
    List<byte[][]> levels = new ArrayList<>();
    byte[][] level = leafHashes.toArray(new byte[0][]);
    for (byte[] leaf : level) {
      if (leaf.length != MerkleHasher.HASH_SIZE) {
        throw new IllegalArgumentException(
            "leafHashes: a hash of " + leaf.length + " bytes (expected: 32)");
      }
    }
    levels.add(level);
    while (level.length > 1) {
      byte[][] up = new byte[(level.length + 1) / 2][];
      for (int i = 0; i < level.length / 2; i++) {
        up[i] = MerkleHasher.nodeHash(level[2 * i], level[2 * i + 1]);
      }
      if ((level.length & 1) == 1) {
        up[up.length - 1] = level[level.length - 1];
      }
      levels.add(up);
      level = up;
    }
    return new MerkleBatch(levels);
  }

  public int size() {
    return levels.get(0).length;
  }

  public byte[] root() {
    return levels.get(levels.size() - 1)[0].clone();
  }

  /** The audit path from leaf {@code index} to the root ({@link MerkleProofs#verifyInclusion}). */
  public List<byte[]> path(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException("index: " + index + " (expected: 0 to " + size() + ")");
    }
    List<byte[]> path = new ArrayList<>(levels.size());
    int i = index;
    for (int l = 0; l < levels.size() - 1; l++) {
      byte[][] level = levels.get(l);
      int sibling = i ^ 1;
      if (sibling < level.length) {
        path.add(level[sibling]);
      }
      i >>>= 1;
    }
    return path;
  }
}
