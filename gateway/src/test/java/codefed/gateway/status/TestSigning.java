package codefed.gateway.status;

import codefed.gateway.testing.SharedPki;
import codefed.merkle.MerkleBatch;
import codefed.merkle.MerkleHasher;
import codefed.signing.BatchRoot;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.trust.TrustList;
import codefed.trust.TrustListException;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AnswerBatch;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Real issuer keys and trust list from the shared test PKI: signs assertions as any issuer. */
final class TestSigning {
  private final Map<String, Signer> signers = new ConcurrentHashMap<>();
  private final TrustList trustList;

  TestSigning() {
    try {
      trustList = SharedPki.get().trustList();
    } catch (TrustListException e) {
      throw new IllegalStateException(e);
    }
  }

  TrustList trustList() {
    return trustList;
  }

  /**
   * {@code assertion} as answer {@code index} of a batch of {@code size} signed together by {@code
   * keyOwner}'s key, the other answers being decoys (as a node's batch signer makes it).
   */
  SignedAssertion signInBatch(String keyOwner, StatusAssertion assertion, int index, int size) {
    Signer signer = signers.computeIfAbsent(keyOwner, SharedPki.get()::issuerSigner);
    List<byte[]> leaves = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      byte[] leaf =
          i == index
              ? assertion.toByteArray()
              : assertion.toBuilder()
                  .setNonce(ByteString.copyFromUtf8("decoy " + i))
                  .build()
                  .toByteArray();
      leaves.add(MerkleHasher.leafHash(leaf));
    }
    MerkleBatch tree = MerkleBatch.of(leaves);
    AnswerBatch.Builder proof = AnswerBatch.newBuilder().setLeafIndex(index).setTreeSize(size);
    tree.path(index).forEach(h -> proof.addPath(ByteString.copyFrom(h)));
    return SignedAssertion.newBuilder()
        .setAssertion(assertion.toByteString())
        .setKeyId(signer.keyId())
        .setSignature(
            ByteString.copyFrom(
                signer.sign(
                    SigningDomain.ASSERTION_BATCH, new BatchRoot(size, tree.root()).signedBytes())))
        .setBatch(proof)
        .build();
  }

  SignedAssertion sign(String keyOwner, StatusAssertion assertion) {
    Signer signer = signers.computeIfAbsent(keyOwner, SharedPki.get()::issuerSigner);
    byte[] bytes = assertion.toByteArray();
    return SignedAssertion.newBuilder()
        .setAssertion(ByteString.copyFrom(bytes))
        .setKeyId(signer.keyId())
        .setSignature(ByteString.copyFrom(signer.sign(SigningDomain.ASSERTION, bytes)))
        .build();
  }
}
