package codefed.merkle;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs. A failed check throws
 * {@link ProofException} saying why; nothing is turned silently into {@code false}.
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /**
   * Checks that {@code leafHash} is leaf {@code leafIndex} of the tree of {@code treeSize} with
   * {@code root}.
   */
  public static void verifyInclusion(
      long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof, byte[] root)
      throws ProofException {
    if (!MessageDigest.isEqual(rootFromInclusion(leafIndex, treeSize, leafHash, proof), root)) {
      throw new ProofException("inclusion proof does not lead to the root");
    }
  }

  /**
   * The root of the tree of {@code treeSize} in which {@code leafHash} is leaf {@code leafIndex}
   * with audit path {@code proof}: what a signature over that root must then cover.
   *
   * @throws ProofException if the index lies outside the tree, a hash is not 32 bytes, or the path
   *     is too long or too short for that leaf of that tree
   */
  public static byte[] rootFromInclusion(
      long leafIndex, long treeSize, byte[] leafHash, List<byte[]> proof) throws ProofException {
    if (leafHash.length != MerkleHasher.HASH_SIZE) {
      throw new ProofException("leaf hash: " + leafHash.length + " bytes (expected: 32)");
    }
    if (leafIndex < 0 || treeSize <= 0 || leafIndex >= treeSize) {
      throw new ProofException(
          "leaf index "
              + Long.toUnsignedString(leafIndex)
              + " outside tree of size "
              + Long.toUnsignedString(treeSize));
    }
    long fn = leafIndex;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : proof) {
      if (sn == 0) {
        throw new ProofException("inclusion proof too long: " + proof.size() + " hashes");
      }
      if (p.length != MerkleHasher.HASH_SIZE) {
        throw new ProofException("proof hash: " + p.length + " bytes (expected: 32)");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = MerkleHasher.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = MerkleHasher.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException("inclusion proof too short: " + proof.size() + " hashes");
    }
    return r;
  }

  /**
   * Checks that the tree of {@code firstSize} with {@code firstRoot} is a prefix of the tree of
   * {@code secondSize} with {@code secondRoot}. A proof from the empty tree proves nothing and is
   * refused.
   */
  public static void verifyConsistency(
      long firstSize, long secondSize, List<byte[]> proof, byte[] firstRoot, byte[] secondRoot)
      throws ProofException {
    if (firstSize <= 0 || secondSize <= 0 || firstSize > secondSize) {
      throw new ProofException(
          "sizes "
              + Long.toUnsignedString(firstSize)
              + " and "
              + Long.toUnsignedString(secondSize)
              + " (expected: 0 < first <= second)");
    }
    if (firstSize == secondSize) {
      if (!proof.isEmpty()) {
        throw new ProofException(
            "equal sizes need an empty proof, got " + proof.size() + " hashes");
      }
      if (!MessageDigest.isEqual(firstRoot, secondRoot)) {
        throw new ProofException("equal sizes but different roots");
      }
      return;
    }
    if (proof.isEmpty()) {
      throw new ProofException("empty consistency proof");
    }
    int next = 0;
    byte[] seed;
    if (Long.bitCount(firstSize) == 1) {
      seed = firstRoot;
    } else {
      seed = proof.get(next++);
    }
    long fn = firstSize - 1;
    long sn = secondSize - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    byte[] fr = seed;
    byte[] sr = seed;
    for (; next < proof.size(); next++) {
      byte[] c = proof.get(next);
      if (sn == 0) {
        throw new ProofException("consistency proof too long: " + proof.size() + " hashes");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = MerkleHasher.nodeHash(c, fr);
        sr = MerkleHasher.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = MerkleHasher.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException("consistency proof too short: " + proof.size() + " hashes");
    }
    if (!MessageDigest.isEqual(fr, firstRoot)) {
      throw new ProofException("consistency proof does not lead to the first root");
    }
    if (!MessageDigest.isEqual(sr, secondRoot)) {
      throw new ProofException("consistency proof does not lead to the second root");
    }
  }
}
