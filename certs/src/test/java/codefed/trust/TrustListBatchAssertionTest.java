package codefed.trust;

import static codefed.trust.TestFederation.NOW;
import static codefed.trust.TrustListVerifyCodeTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.merkle.MerkleBatch;
import codefed.merkle.MerkleHasher;
import codefed.signing.BatchRoot;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.signing.VerifiedSignatures;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AnswerBatch;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Answers a node signed in a batch (one signature over the Merkle root of several answers): each
 * answer is accepted only with its own inclusion proof under a valid key of its own issuer, and no
 * rearrangement of proofs, sizes, domains or keys passes.
 */
class TrustListBatchAssertionTest {
  private final TestFederation federation = new TestFederation();
  private final TrustList trustList;

  TrustListBatchAssertionTest() throws TrustListException {
    trustList = federation.trustList();
  }

  @Test
  void everyAnswerOfABatch_withItsOwnProof_isAccepted() throws Exception {
    List<SignedAssertion> batch = signBatch(federation.innerMongolia, assertions("150000", 7));

    for (int i = 0; i < batch.size(); i++) {
      StatusAssertion verified = trustList.verifyAssertion(batch.get(i), "150000", NOW);
      assertThat(verified.getNonce()).isEqualTo(nonce(i));
    }
  }

  @Test
  void aBatchOfOne_hasAnEmptyPath_andIsAccepted() throws Exception {
    SignedAssertion one = signBatch(federation.innerMongolia, assertions("150000", 1)).get(0);

    assertThat(one.getBatch().getPathCount()).isZero();
    assertThat(trustList.verifyAssertion(one, "150000", NOW).getIssuer()).isEqualTo("150000");
  }

  @Test
  void aChangedAssertion_isRejectedAsBadSignature() {
    SignedAssertion signed = signBatch(federation.innerMongolia, assertions("150000", 4)).get(2);
    SignedAssertion tampered =
        signed.toBuilder().setAssertion(TestFederation.flipBit(signed.getAssertion(), 9)).build();

    assertRejected(
        () -> trustList.verifyAssertion(tampered, "150000", NOW), RejectionReason.BAD_SIGNATURE);
  }

  @Test
  void anAnswerWithAnotherAnswersProofOrIndex_isRejected() {
    List<SignedAssertion> batch = signBatch(federation.innerMongolia, assertions("150000", 4));
    SignedAssertion othersPath = batch.get(1).toBuilder().setBatch(batch.get(2).getBatch()).build();
    SignedAssertion movedIndex =
        batch.get(1).toBuilder()
            .setBatch(batch.get(1).getBatch().toBuilder().setLeafIndex(0))
            .build();

    assertRejected(
        () -> trustList.verifyAssertion(othersPath, "150000", NOW), RejectionReason.BAD_SIGNATURE);
    assertRejected(
        () -> trustList.verifyAssertion(movedIndex, "150000", NOW), RejectionReason.BAD_SIGNATURE);
  }

  @Test
  void aForgedSize_orAPathOfTheWrongLength_isMalformed_namingTheField() {
    SignedAssertion signed = signBatch(federation.innerMongolia, assertions("150000", 4)).get(3);
    AnswerBatch proof = signed.getBatch();

    assertThatThrownBy(
            () ->
                trustList.verifyAssertion(
                    signed.toBuilder().setBatch(proof.toBuilder().setTreeSize(0)).build(),
                    "150000",
                    NOW))
        .isInstanceOf(CodeRejectedException.class)
        .hasMessage("signed_assertion.batch.tree_size: 0 (expected: 1 to 65536)");
    assertThatThrownBy(
            () ->
                trustList.verifyAssertion(
                    signed.toBuilder().setBatch(proof.toBuilder().setTreeSize(-1L)).build(),
                    "150000",
                    NOW))
        .hasMessage(
            "signed_assertion.batch.tree_size: 18446744073709551615 (expected: 1 to 65536)");
    assertThatThrownBy(
            () ->
                trustList.verifyAssertion(
                    signed.toBuilder().setBatch(proof.toBuilder().setTreeSize(2)).build(),
                    "150000",
                    NOW))
        .isInstanceOf(CodeRejectedException.class)
        .hasMessage("signed_assertion.batch: leaf index 3 outside tree of size 2");
    assertThatThrownBy(
            () ->
                trustList.verifyAssertion(
                    signed.toBuilder()
                        .setBatch(proof.toBuilder().addPath(ByteString.copyFrom(new byte[32])))
                        .build(),
                    "150000",
                    NOW))
        .isInstanceOf(CodeRejectedException.class)
        .hasMessage("signed_assertion.batch: inclusion proof too long: 3 hashes");
  }

  @Test
  void aBatchSignatureWithoutItsProof_orADirectSignatureDressedAsABatch_isRejected() {
    SignedAssertion batched = signBatch(federation.innerMongolia, assertions("150000", 1)).get(0);
    SignedAssertion stripped = batched.toBuilder().clearBatch().build();
    byte[] bytes = batched.getAssertion().toByteArray();
    SignedAssertion dressed =
        batched.toBuilder()
            .setSignature(
                ByteString.copyFrom(
                    federation.innerMongolia.sign(SigningDomain.ASSERTION_BATCH, bytes)))
            .build();
    SignedAssertion directAsBatch =
        batched.toBuilder()
            .setSignature(
                ByteString.copyFrom(federation.innerMongolia.sign(SigningDomain.ASSERTION, bytes)))
            .build();

    assertRejected(
        () -> trustList.verifyAssertion(stripped, "150000", NOW), RejectionReason.BAD_SIGNATURE);
    assertRejected(
        () -> trustList.verifyAssertion(dressed, "150000", NOW), RejectionReason.BAD_SIGNATURE);
    assertRejected(
        () -> trustList.verifyAssertion(directAsBatch, "150000", NOW),
        RejectionReason.BAD_SIGNATURE);
  }

  @Test
  void anotherProvincesBatch_cannotAnswerForThisIssuer() {
    // Shanxi's node signs a batch in which one answer claims to be Inner Mongolia's.
    List<StatusAssertion> mixed = new ArrayList<>(assertions("140000", 3));
    mixed.add(assertions("150000", 1).get(0));
    List<SignedAssertion> batch = signBatch(federation.shanxi, mixed);

    assertRejected(
        () -> trustList.verifyAssertion(batch.get(3), "150000", NOW), RejectionReason.UNKNOWN_KEY);
    // Presented as Shanxi's own answer, the assertion names another issuer than the key's owner.
    assertRejected(
        () -> trustList.verifyAssertion(batch.get(3), "140000", NOW), RejectionReason.UNKNOWN_KEY);
    assertRejected(
        () ->
            trustList.verifyAssertion(
                batch.get(3).toBuilder().setKeyId(federation.innerMongolia.keyId()).build(),
                "150000",
                NOW),
        RejectionReason.BAD_SIGNATURE);
  }

  @Test
  void aVerifiedRoot_isCheckedOnceForTheWholeBatch_butEveryProofStillCounts() throws Exception {
    List<SignedAssertion> batch = signBatch(federation.innerMongolia, assertions("150000", 8));
    VerifiedSignatures roots = new VerifiedSignatures(16);

    for (SignedAssertion signed : batch) {
      trustList.verifyAssertion(signed, "150000", NOW, roots);
    }
    SignedAssertion tampered =
        batch.get(5).toBuilder()
            .setAssertion(TestFederation.flipBit(batch.get(5).getAssertion(), 2))
            .build();

    assertThat(roots.size()).isEqualTo(1);
    assertRejected(
        () -> trustList.verifyAssertion(tampered, "150000", NOW, roots),
        RejectionReason.BAD_SIGNATURE);
  }

  /** What a node's batch signer makes: one signature over the size and root, a proof each. */
  static List<SignedAssertion> signBatch(Signer signer, List<StatusAssertion> assertions) {
    List<byte[]> leaves = new ArrayList<>();
    for (StatusAssertion a : assertions) {
      leaves.add(MerkleHasher.leafHash(a.toByteArray()));
    }
    MerkleBatch tree = MerkleBatch.of(leaves);
    byte[] signature =
        signer.sign(
            SigningDomain.ASSERTION_BATCH,
            new BatchRoot(assertions.size(), tree.root()).signedBytes());
    List<SignedAssertion> out = new ArrayList<>();
    for (int i = 0; i < assertions.size(); i++) {
      AnswerBatch.Builder proof =
          AnswerBatch.newBuilder().setLeafIndex(i).setTreeSize(assertions.size());
      tree.path(i).forEach(h -> proof.addPath(ByteString.copyFrom(h)));
      out.add(
          SignedAssertion.newBuilder()
              .setAssertion(assertions.get(i).toByteString())
              .setKeyId(signer.keyId())
              .setSignature(ByteString.copyFrom(signature))
              .setBatch(proof)
              .build());
    }
    return out;
  }

  private static List<StatusAssertion> assertions(String issuer, int n) {
    List<StatusAssertion> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          StatusAssertion.newBuilder()
              .setIssuer(issuer)
              .setCodeId(ByteString.copyFrom(new byte[16]))
              .setState(CodeState.CODE_STATE_ACTIVE)
              .setColor(Color.COLOR_GREEN)
              .setAssertedAt(TestFederation.timestamp(NOW))
              .setValidUntil(TestFederation.timestamp(NOW.plusSeconds(300)))
              .setNonce(nonce(i))
              .build());
    }
    return out;
  }

  private static ByteString nonce(int i) {
    return ByteString.copyFromUtf8("nonce-" + i);
  }
}
