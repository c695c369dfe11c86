package codefed.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The frontier gives the RFC 9162 root of every size, and a stored frontier extends like the tree.
 */
class CompactRangeTest {
  private static byte[] leaf(int i) {
    return MerkleHasher.leafHash(("leaf " + i).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void rootsEqualTheTrees_atEverySize_andAfterARestoredFrontier() {
    MerkleTree tree = new MerkleTree();
    CompactRange range = new CompactRange();
    assertThat(range.root()).isEqualTo(MerkleHasher.emptyRoot());
    for (int i = 0; i < 300; i++) {
      tree.append(leaf(i));
      range.append(leaf(i));
      assertThat(range.root()).as("size %d", i + 1).isEqualTo(tree.root());
      assertThat(range.frontier()).hasSize(Long.bitCount(i + 1));
    }
    CompactRange restored = CompactRange.of(300, range.frontier());
    for (int i = 300; i < 333; i++) {
      tree.append(leaf(i));
      restored.append(leaf(i));
    }
    assertThat(restored.root()).isEqualTo(tree.root());
  }

  @Test
  void aFrontierOfTheWrongShape_isRefused() {
    assertThatThrownBy(() -> CompactRange.of(6, List.of(new byte[32])))
        .hasMessage("frontier: 1 hashes (expected: 2 for size 6)");
    assertThatThrownBy(() -> CompactRange.of(1, List.of(new byte[31])))
        .hasMessage("frontier hash 0: 31 bytes (expected: 32)");
  }
}
