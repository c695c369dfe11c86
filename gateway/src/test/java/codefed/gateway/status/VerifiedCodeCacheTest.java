package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.testing.SharedPki;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.time.ProtoTime;
import codefed.trust.CodeRejectedException;
import codefed.trust.RejectionReason;
import codefed.trust.TrustList;
import codefed.trust.VerifiedCode;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.SignedCode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedCodeCacheTest {
  private static final Instant NOW = InProcessFederation.START;

  /** TestPki issuer keys are valid for ten years from 2019-12-01. */
  private static final Instant AFTER_KEYS_EXPIRED = Instant.parse("2030-01-01T00:00:00Z");

  private final TestSigning signing = new TestSigning();
  private final TrustList trustList = signing.trustList();
  private final VerifiedCodeCache cache = new VerifiedCodeCache(100);

  private static SignedCode code(String issuer, int n) {
    Instant issued = NOW.minus(Duration.ofHours(2));
    byte[] payload =
        CodePayload.newBuilder()
            .setIssuer(issuer)
            .setCodeId(ByteString.copyFrom(Codes.id(n)))
            .setIssuedAt(ts(issued))
            .setExpiresAt(ts(issued.plus(Duration.ofDays(14))))
            .setMaskedName("张*")
            .setMaskedIdNumber("1508**********1235")
            .build()
            .toByteArray();
    Signer signer = SharedPki.get().issuerSigner(issuer);
    return SignedCode.newBuilder()
        .setPayload(ByteString.copyFrom(payload))
        .setKeyId(signer.keyId())
        .setSignature(ByteString.copyFrom(signer.sign(SigningDomain.CODE, payload)))
        .build();
  }

  private static Timestamp ts(Instant i) {
    return ProtoTime.timestamp(i);
  }

  @Test
  void verify_firstScan_sameResultAsTrustList() throws Exception {
    SignedCode code = code("150000", 1);

    VerifiedCode verified = cache.verify(code, NOW, trustList);

    assertThat(verified).isEqualTo(trustList.verifyCode(code, NOW));
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void verify_repeatScan_returnsRememberedResultWithoutVerifyingAgain() throws Exception {
    SignedCode code = code("150000", 1);
    VerifiedCode first = cache.verify(code, NOW, trustList);

    VerifiedCode again = cache.verify(SignedCode.parseFrom(code.toByteArray()), NOW, trustList);

    assertThat(again).isSameAs(first); // a fresh verification builds a new record
  }

  @Test
  void verify_otherTrustListInstance_verifiesAfresh() throws Exception {
    SignedCode code = code("150000", 1);
    VerifiedCode first = cache.verify(code, NOW, trustList);
    TrustList reloaded = SharedPki.get().trustList();

    VerifiedCode again = cache.verify(code, NOW, reloaded);

    assertThat(again).isEqualTo(first).isNotSameAs(first);
  }

  @Test
  void verify_rememberedCodeWhoseKeyExpiredSince_rejectedAsTheTrustListWould() throws Exception {
    SignedCode code = code("150000", 1);
    cache.verify(code, NOW, trustList);

    assertThatThrownBy(() -> cache.verify(code, AFTER_KEYS_EXPIRED, trustList))
        .isInstanceOfSatisfying(
            CodeRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(RejectionReason.KEY_NOT_VALID));
  }

  @Test
  void verify_badSignature_rejectedEveryTimeAndNotRemembered() {
    SignedCode good = code("150000", 1);
    byte[] sig = good.getSignature().toByteArray();
    sig[0] ^= 1;
    SignedCode forged = good.toBuilder().setSignature(ByteString.copyFrom(sig)).build();

    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> cache.verify(forged, NOW, trustList))
          .isInstanceOfSatisfying(
              CodeRejectedException.class,
              e -> assertThat(e.reason()).isEqualTo(RejectionReason.BAD_SIGNATURE));
    }
    assertThat(cache.size()).isZero();
  }

  @Test
  void verify_rememberedGoodCode_doesNotVouchForATamperedCopy() throws Exception {
    SignedCode good = code("150000", 1);
    cache.verify(good, NOW, trustList);
    byte[] payload = good.getPayload().toByteArray();
    payload[payload.length - 1] ^= 1;
    SignedCode tampered = good.toBuilder().setPayload(ByteString.copyFrom(payload)).build();

    assertThatThrownBy(() -> cache.verify(tampered, NOW, trustList))
        .isInstanceOf(CodeRejectedException.class);
  }

  @Test
  void cache_boundedByMaxEntries() throws Exception {
    VerifiedCodeCache small = new VerifiedCodeCache(3);

    for (int i = 0; i < 10; i++) {
      small.verify(code("140000", i), NOW, trustList);
    }

    assertThat(small.size()).isLessThanOrEqualTo(3);
  }

  @Test
  void construct_nonPositiveBound_rejected() {
    assertThatThrownBy(() -> new VerifiedCodeCache(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEntries: 0 (expected: > 0)");
  }
}
