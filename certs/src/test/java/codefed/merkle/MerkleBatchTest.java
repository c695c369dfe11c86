package codefed.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleBatchTest {

  @Test
  void rootsAndPaths_everyLeafOfEverySizeUpTo70_equalTheTreeAndVerify() throws Exception {
    for (int n = 1; n <= 70; n++) {
      List<byte[]> leaves = leaves(n);
      MerkleTree tree = new MerkleTree();
      leaves.forEach(tree::append);
      MerkleBatch batch = MerkleBatch.of(leaves);

      assertThat(batch.size()).isEqualTo(n);
      assertThat(batch.root()).as("root of %d", n).isEqualTo(tree.root());
      for (int i = 0; i < n; i++) {
        List<byte[]> path = batch.path(i);
        assertThat(path)
            .as("path of leaf %d of %d", i, n)
            .containsExactlyElementsOf(tree.inclusionProof(i, n));
        assertThat(MerkleProofs.rootFromInclusion(i, n, leaves.get(i), path))
            .isEqualTo(batch.root());
      }
    }
  }

  @Test
  void aPathUsedForAnotherLeafOrAnotherSize_leadsElsewhereOrIsRefused() throws Exception {
    List<byte[]> leaves = leaves(5);
    MerkleBatch batch = MerkleBatch.of(leaves);

    assertThat(MerkleProofs.rootFromInclusion(1, 5, leaves.get(1), batch.path(0)))
        .isNotEqualTo(batch.root());
    assertThat(MerkleProofs.rootFromInclusion(0, 5, leaves.get(1), batch.path(0)))
        .isNotEqualTo(batch.root());
    assertThatThrownBy(() -> MerkleProofs.rootFromInclusion(4, 5, leaves.get(4), batch.path(0)))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("too long");
    assertThatThrownBy(() -> MerkleProofs.rootFromInclusion(5, 5, leaves.get(4), batch.path(4)))
        .isInstanceOf(ProofException.class)
        .hasMessage("leaf index 5 outside tree of size 5");
    List<byte[]> shortHash = new ArrayList<>(batch.path(0));
    shortHash.set(0, new byte[31]);
    assertThatThrownBy(() -> MerkleProofs.rootFromInclusion(0, 5, leaves.get(0), shortHash))
        .isInstanceOf(ProofException.class)
        .hasMessage("proof hash: 31 bytes (expected: 32)");
  }

  @Test
  void emptyOrMisshapenLeaves_areRefused() {
    assertThatThrownBy(() -> MerkleBatch.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> MerkleBatch.of(List.of(new byte[20])))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20 bytes");
  }

  private static List<byte[]> leaves(int n) {
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      leaves.add(MerkleHasher.leafHash(("answer " + i).getBytes(StandardCharsets.UTF_8)));
    }
    return leaves;
  }
}
