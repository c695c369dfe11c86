package codefed.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {
  private static final int MAX = 64;

  private static MerkleTree treeOf(List<byte[]> data) {
    MerkleTree tree = new MerkleTree();
    for (byte[] d : data) {
      tree.append(MerkleHasher.leafHash(d));
    }
    return tree;
  }

  @Test
  void root_everySizeUpTo64_equalsTheNaiveDefinition() {
    List<byte[]> data = NaiveMerkle.leaves(MAX);
    MerkleTree tree = treeOf(data);
    for (int n = 0; n <= MAX; n++) {
      assertThat(tree.root(n)).as("size %d", n).isEqualTo(NaiveMerkle.mth(data.subList(0, n)));
    }
  }

  @Test
  void rootWhileGrowing_equalsRootOfFinishedTree() {
    List<byte[]> data = NaiveMerkle.leaves(MAX);
    MerkleTree growing = new MerkleTree();
    MerkleTree full = treeOf(data);
    for (int n = 1; n <= MAX; n++) {
      growing.append(MerkleHasher.leafHash(data.get(n - 1)));
      assertThat(growing.root()).as("size %d", n).isEqualTo(full.root(n));
    }
  }

  @Test
  void inclusionProof_everyLeafOfEverySizeUpTo64_equalsNaiveAndVerifies() throws Exception {
    List<byte[]> data = NaiveMerkle.leaves(MAX);
    MerkleTree tree = treeOf(data);
    for (int n = 1; n <= MAX; n++) {
      byte[] root = tree.root(n);
      for (int m = 0; m < n; m++) {
        List<byte[]> proof = tree.inclusionProof(m, n);
        assertThat(proof)
            .as("leaf %d of %d", m, n)
            .usingElementComparator(java.util.Arrays::compare)
            .containsExactlyElementsOf(NaiveMerkle.path(m, data.subList(0, n)));
        MerkleProofs.verifyInclusion(m, n, tree.leafHash(m), proof, root);
      }
    }
  }

  @Test
  void consistencyProof_everyPairOfSizesUpTo64_equalsNaiveAndVerifies() throws Exception {
    List<byte[]> data = NaiveMerkle.leaves(MAX);
    MerkleTree tree = treeOf(data);
    for (int n = 1; n <= MAX; n++) {
      for (int m = 1; m <= n; m++) {
        List<byte[]> proof = tree.consistencyProof(m, n);
        List<byte[]> expected = m == n ? List.of() : NaiveMerkle.proof(m, data.subList(0, n));
        assertThat(proof)
            .as("%d -> %d", m, n)
            .usingElementComparator(java.util.Arrays::compare)
            .containsExactlyElementsOf(expected);
        MerkleProofs.verifyConsistency(m, n, proof, tree.root(m), tree.root(n));
      }
    }
  }

  @Test
  void inclusionProof_forAnotherLeaf_isRefused() {
    MerkleTree tree = treeOf(NaiveMerkle.leaves(10));
    List<byte[]> proof = tree.inclusionProof(3, 10);
    assertThatThrownBy(
            () -> MerkleProofs.verifyInclusion(3, 10, tree.leafHash(4), proof, tree.root()))
        .isInstanceOf(ProofException.class);
  }

  @Test
  void consistencyProof_againstAForkedRoot_isRefused() {
    MerkleTree tree = treeOf(NaiveMerkle.leaves(10));
    List<byte[]> fork = NaiveMerkle.leaves(10);
    fork.set(8, new byte[] {42});
    byte[] forkedRoot = NaiveMerkle.mth(fork);
    List<byte[]> proof = tree.consistencyProof(7, 10);
    assertThatThrownBy(() -> MerkleProofs.verifyConsistency(7, 10, proof, tree.root(7), forkedRoot))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("second root");
  }

  @Test
  void proofsBeyondTheTree_areRefusedWithTheArgumentNamed() {
    MerkleTree tree = treeOf(NaiveMerkle.leaves(5));
    assertThatThrownBy(() -> tree.inclusionProof(5, 5)).hasMessage("leafIndex: 5 (expected: 0..4)");
    assertThatThrownBy(() -> tree.root(6)).hasMessage("treeSize: 6 (expected: 0..5)");
    assertThatThrownBy(() -> tree.consistencyProof(4, 3))
        .hasMessage("firstSize: 4 (expected: 1..3)");
  }

  @Test
  void largeTree_proofsAcrossChunkBoundaries_verify() throws Exception {
    MerkleTree tree = new MerkleTree();
    int n = 70_001; // more than two 32768-hash chunks
    for (int i = 0; i < n; i++) {
      tree.append(MerkleHasher.leafHash(new byte[] {(byte) i, (byte) (i >> 8), (byte) (i >> 16)}));
    }
    byte[] root = tree.root();
    for (long m : new long[] {0, 32_767, 32_768, 65_536, 69_999, 70_000}) {
      MerkleProofs.verifyInclusion(m, n, tree.leafHash(m), tree.inclusionProof(m, n), root);
    }
    for (long m : new long[] {1, 16, 32_768, 40_000, 69_999}) {
      MerkleProofs.verifyConsistency(m, n, tree.consistencyProof(m, n), tree.root(m), root);
    }
  }
}
