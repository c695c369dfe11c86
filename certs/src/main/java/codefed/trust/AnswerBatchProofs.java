package codefed.trust;

import codefed.merkle.MerkleHasher;
import codefed.merkle.MerkleProofs;
import codefed.merkle.ProofException;
import codefed.signing.BatchRoot;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AnswerBatch;
import healthcode.federation.v1.SignedAssertion;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes a batch-signed answer's signature must cover: the root its inclusion proof leads to
 * from the leaf hash of its own assertion bytes, with the batch's size ({@link BatchRoot}). An
 * answer moved to another index, a path from another batch or a changed byte all lead to another
 * root, which the signature then does not cover.
 */
final class AnswerBatchProofs {
  private AnswerBatchProofs() {}

  static BatchRoot root(SignedAssertion signed) throws CodeRejectedException {
    AnswerBatch batch = signed.getBatch();
    long size = batch.getTreeSize();
    if (size < 1 || size > BatchRoot.MAX_TREE_SIZE) {
      throw malformed(
          ".tree_size: "
              + Long.toUnsignedString(size)
              + " (expected: 1 to "
              + BatchRoot.MAX_TREE_SIZE
              + ")");
    }
    List<byte[]> path = new ArrayList<>(batch.getPathCount());
    for (ByteString hash : batch.getPathList()) {
      path.add(hash.toByteArray());
    }
    byte[] leaf = MerkleHasher.leafHash(signed.getAssertion().toByteArray());
    try {
      return new BatchRoot(
          size, MerkleProofs.rootFromInclusion(batch.getLeafIndex(), size, leaf, path));
    } catch (ProofException e) {
      throw malformed(": " + e.getMessage());
    }
  }

  /** {@code problem} follows the field name: ".tree_size: …" or ": …". */
  private static CodeRejectedException malformed(String problem) {
    return new CodeRejectedException(RejectionReason.MALFORMED, "signed_assertion.batch" + problem);
  }
}
