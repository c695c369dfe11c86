package codefed.trust;

import static codefed.trust.TestFederation.KEYS_FROM;
import static codefed.trust.TestFederation.KEYS_UNTIL;
import static codefed.trust.TestFederation.NOW;
import static codefed.trust.TestFederation.payload;
import static codefed.trust.TestFederation.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.code.HealthCodeText;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.SignatureAlgorithm;
import healthcode.federation.v1.SignedCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class TrustListVerifyCodeTest {
  private final TestFederation federation = new TestFederation();
  private final TrustList trustList;

  TrustListVerifyCodeTest() throws TrustListException {
    trustList = federation.trustList();
  }

  @Test
  void verifyCode_codesOfEachAlgorithm_giveThePayloadAndKeyId() throws Exception {
    for (Signer signer :
        List.of(federation.shanxi, federation.innerMongolia, federation.national)) {
      String issuer = signer.keyId().substring(0, signer.keyId().indexOf('-'));
      CodePayload payload = payload(issuer);

      VerifiedCode verified = trustList.verifyCode(sign(signer, payload), NOW);

      assertThat(verified.payload()).isEqualTo(payload);
      assertThat(verified.keyId()).isEqualTo(signer.keyId());
      assertThat(verified.issuer()).isEqualTo(issuer);
    }
  }

  @Test
  void verifyCode_throughQrText_givesThePayload() throws Exception {
    String qr = HealthCodeText.encode(sign(federation.innerMongolia, payload("150000")));

    assertThat(trustList.verifyCode(HealthCodeText.decode(qr), NOW).payload().getIssuer())
        .isEqualTo("150000");
  }

  @Test
  void verifyCode_everyOneBitFlipInThePayload_isRejectedAsBadSignature() {
    SignedCode code = sign(federation.shanxi, payload("140000"));

    for (int bit = 0; bit < code.getPayload().size() * 8; bit++) {
      SignedCode tampered =
          code.toBuilder().setPayload(TestFederation.flipBit(code.getPayload(), bit)).build();
      assertRejected(() -> trustList.verifyCode(tampered, NOW), RejectionReason.BAD_SIGNATURE);
    }
  }

  @Test
  void verifyCode_oneBitFlipInTheSignature_isRejectedAsBadSignature() {
    for (Signer signer :
        List.of(federation.shanxi, federation.innerMongolia, federation.national)) {
      String issuer = signer.keyId().substring(0, signer.keyId().indexOf('-'));
      SignedCode code = sign(signer, payload(issuer));
      SignedCode tampered =
          code.toBuilder().setSignature(TestFederation.flipBit(code.getSignature(), 100)).build();

      assertRejected(() -> trustList.verifyCode(tampered, NOW), RejectionReason.BAD_SIGNATURE);
    }
  }

  @Test
  void verifyCode_unknownKeyIdOfAMember_isRejectedAsUnknownKey() {
    Signer rogue = Signer.generate("140000", SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);

    assertRejected(
        () -> trustList.verifyCode(sign(rogue, payload("140000")), NOW),
        RejectionReason.UNKNOWN_KEY);
  }

  @Test
  void verifyCode_strangerIssuer_isRejectedAsUnknownIssuer() {
    Signer stranger = Signer.generate("990000", SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);

    assertRejected(
        () -> trustList.verifyCode(sign(stranger, payload("990000")), NOW),
        RejectionReason.UNKNOWN_ISSUER);
  }

  @Test
  void verifyCode_payloadNamingAnotherMemberThanTheKeyOwner_isRejectedAsUnknownKey() {
    // Shanxi's valid key signing a code that claims to come from Inner Mongolia.
    SignedCode code = sign(federation.shanxi, payload("150000"));

    assertThatThrownBy(() -> trustList.verifyCode(code, NOW))
        .isInstanceOf(CodeRejectedException.class)
        .hasMessageContaining("150000 does not own key " + federation.shanxi.keyId())
        .extracting(e -> ((CodeRejectedException) e).reason())
        .isEqualTo(RejectionReason.UNKNOWN_KEY);
  }

  @Test
  void verifyCode_signatureMadeForAnAssertion_isRejectedAsBadSignature() {
    byte[] payload = payload("140000").toByteArray();
    SignedCode code =
        SignedCode.newBuilder()
            .setPayload(ByteString.copyFrom(payload))
            .setKeyId(federation.shanxi.keyId())
            .setSignature(
                ByteString.copyFrom(federation.shanxi.sign(SigningDomain.ASSERTION, payload)))
            .build();

    assertRejected(() -> trustList.verifyCode(code, NOW), RejectionReason.BAD_SIGNATURE);
  }

  @Test
  void verifyCode_beforeTheKeyIsValid_isRejectedAsKeyNotValid() {
    SignedCode code = sign(federation.shanxi, payload("140000"));

    assertRejected(
        () -> trustList.verifyCode(code, KEYS_FROM.minusSeconds(1)), RejectionReason.KEY_NOT_VALID);
  }

  @Test
  void verifyCode_atTheKeysNotAfter_isRejectedAsKeyNotValid() {
    SignedCode code = sign(federation.shanxi, payload("140000"));

    assertRejected(() -> trustList.verifyCode(code, KEYS_UNTIL), RejectionReason.KEY_NOT_VALID);
  }

  @Test
  void verifyCode_signedBytesThatAreNotAPayload_isRejectedAsMalformed() {
    SignedCode code = sign(federation.shanxi, new byte[] {(byte) 0xff, (byte) 0xff});

    assertRejected(() -> trustList.verifyCode(code, NOW), RejectionReason.MALFORMED);
  }

  @Test
  void verifyCode_signedPayloadWithShortCodeId_isRejectedAsMalformed() {
    CodePayload shortId =
        payload("140000").toBuilder().setCodeId(ByteString.copyFrom(new byte[8])).build();

    assertThatThrownBy(() -> trustList.verifyCode(sign(federation.shanxi, shortId), NOW))
        .isInstanceOf(CodeRejectedException.class)
        .hasMessage("code_payload.code_id: 8 bytes (expected: 16)");
  }

  @Test
  void verifyCode_missingKeyIdOrSignature_isRejectedAsMalformed() {
    SignedCode code = sign(federation.shanxi, payload("140000"));

    assertRejected(
        () -> trustList.verifyCode(code.toBuilder().clearKeyId().build(), NOW),
        RejectionReason.MALFORMED);
    assertRejected(
        () -> trustList.verifyCode(code.toBuilder().clearSignature().build(), NOW),
        RejectionReason.MALFORMED);
  }

  @Test
  void verifyCode_fromSeveralThreadsAtOnce_verifiesEveryCode() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Signer signer :
          List.of(
              federation.shanxi,
              federation.innerMongolia,
              federation.national,
              federation.shanxi)) {
        String issuer = signer.keyId().substring(0, signer.keyId().indexOf('-'));
        SignedCode good = sign(signer, payload(issuer));
        SignedCode bad =
            good.toBuilder().setSignature(TestFederation.flipBit(good.getSignature(), 9)).build();
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 100; i++) {
                    assertThat(trustList.verifyCode(good, NOW).issuer()).isEqualTo(issuer);
                    assertRejected(
                        () -> trustList.verifyCode(bad, NOW), RejectionReason.BAD_SIGNATURE);
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static void assertRejected(ThrowingCallable verify, RejectionReason reason) {
    assertThatThrownBy(verify)
        .isInstanceOf(CodeRejectedException.class)
        .extracting(e -> ((CodeRejectedException) e).reason())
        .isEqualTo(reason);
  }
}
