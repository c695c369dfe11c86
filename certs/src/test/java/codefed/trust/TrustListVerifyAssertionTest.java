package codefed.trust;

import static codefed.trust.TestFederation.NOW;
import static codefed.trust.TrustListVerifyCodeTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;

import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.SignatureAlgorithm;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import org.junit.jupiter.api.Test;

class TrustListVerifyAssertionTest {
  private final TestFederation federation = new TestFederation();
  private final TrustList trustList;

  TrustListVerifyAssertionTest() throws TrustListException {
    trustList = federation.trustList();
  }

  @Test
  void verifyAssertion_signedByTheExpectedIssuer_givesTheAssertion() throws Exception {
    StatusAssertion assertion = assertion("150000");

    StatusAssertion verified =
        trustList.verifyAssertion(
            sign(federation.innerMongolia, SigningDomain.ASSERTION, assertion), "150000", NOW);

    assertThat(verified).isEqualTo(assertion);
  }

  @Test
  void verifyAssertion_signedByAnotherMembersKey_isRejectedAsUnknownKey() {
    // Shanxi's node answering for Inner Mongolia.
    SignedAssertion signed = sign(federation.shanxi, SigningDomain.ASSERTION, assertion("150000"));

    assertRejected(
        () -> trustList.verifyAssertion(signed, "150000", NOW), RejectionReason.UNKNOWN_KEY);
  }

  @Test
  void verifyAssertion_expectedIssuerNotInTheList_isRejectedAsUnknownIssuer() {
    SignedAssertion signed = sign(federation.shanxi, SigningDomain.ASSERTION, assertion("140000"));

    assertRejected(
        () -> trustList.verifyAssertion(signed, "420000", NOW), RejectionReason.UNKNOWN_ISSUER);
  }

  @Test
  void verifyAssertion_unknownKeyOfTheExpectedIssuer_isRejectedAsUnknownKey() {
    Signer rogue = Signer.generate("150000", SignatureAlgorithm.SIGNATURE_ALGORITHM_SM2_SM3);
    SignedAssertion signed = sign(rogue, SigningDomain.ASSERTION, assertion("150000"));

    assertRejected(
        () -> trustList.verifyAssertion(signed, "150000", NOW), RejectionReason.UNKNOWN_KEY);
  }

  @Test
  void verifyAssertion_oneBitFlipInTheAssertion_isRejectedAsBadSignature() {
    SignedAssertion signed =
        sign(federation.innerMongolia, SigningDomain.ASSERTION, assertion("150000"));
    SignedAssertion tampered =
        signed.toBuilder().setAssertion(TestFederation.flipBit(signed.getAssertion(), 3)).build();

    assertRejected(
        () -> trustList.verifyAssertion(tampered, "150000", NOW), RejectionReason.BAD_SIGNATURE);
  }

  @Test
  void verifyAssertion_codeSignatureReplayedAsAssertion_isRejectedAsBadSignature() {
    SignedAssertion replayed =
        sign(federation.innerMongolia, SigningDomain.CODE, assertion("150000"));

    assertRejected(
        () -> trustList.verifyAssertion(replayed, "150000", NOW), RejectionReason.BAD_SIGNATURE);
  }

  @Test
  void verifyAssertion_namingAnotherIssuerThanTheKeyOwner_isRejected() {
    SignedAssertion signed =
        sign(federation.innerMongolia, SigningDomain.ASSERTION, assertion("140000"));

    assertRejected(
        () -> trustList.verifyAssertion(signed, "150000", NOW), RejectionReason.UNKNOWN_KEY);
  }

  private static StatusAssertion assertion(String issuer) {
    return StatusAssertion.newBuilder()
        .setIssuer(issuer)
        .setCodeId(ByteString.copyFrom(new byte[16]))
        .setState(CodeState.CODE_STATE_ACTIVE)
        .setColor(Color.COLOR_GREEN)
        .setAssertedAt(TestFederation.timestamp(NOW))
        .setValidUntil(TestFederation.timestamp(NOW.plusSeconds(300)))
        .setNonce(ByteString.copyFromUtf8("nonce"))
        .build();
  }

  private static SignedAssertion sign(
      Signer signer, SigningDomain domain, StatusAssertion assertion) {
    byte[] bytes = assertion.toByteArray();
    return SignedAssertion.newBuilder()
        .setAssertion(ByteString.copyFrom(bytes))
        .setKeyId(signer.keyId())
        .setSignature(ByteString.copyFrom(signer.sign(domain, bytes)))
        .build();
  }
}
