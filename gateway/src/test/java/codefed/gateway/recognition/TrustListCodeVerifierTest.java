package codefed.gateway.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.testing.RealCodes;
import codefed.gateway.testing.SharedPki;
import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import codefed.trust.TrustList;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.SignedCode;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrustListCodeVerifierTest {
  static final Instant MARCH_20 = Instant.parse("2020-03-20T01:00:00Z");
  static PkiDirectory pki;
  static TrustList trust;
  static RealCodes codes;

  @BeforeAll
  static void pki() throws Exception {
    pki = SharedPki.get();
    trust = pki.trustList();
    codes = new RealCodes(pki);
  }

  final TrustListCodeVerifier verifier = new TrustListCodeVerifier(() -> trust, 1000);

  @Test
  void verify_validCode_givesItsPayloadAndKey() throws Exception {
    CodePayload payload = codes.payload("140000", MARCH_20.minusSeconds(3600)).build();

    VerifiedPayload v = verifier.verify(codes.qr(payload), MARCH_20);

    assertThat(v.payload()).isEqualTo(payload);
    assertThat(v.keyId()).isEqualTo(pki.issuerSigner("140000").keyId());
  }

  @Test
  void verify_flippedSignatureBit_isBadSignature() {
    SignedCode code = codes.sign(codes.payload("140000", MARCH_20).build());

    assertThatThrownBy(() -> verifier.verify(RealCodes.tamperSignature(code), MARCH_20))
        .isInstanceOfSatisfying(
            UnverifiableCodeException.class,
            e -> assertThat(e.reason()).isEqualTo("BAD_SIGNATURE"));
  }

  @Test
  void verify_changedPayloadByte_isBadSignature() {
    SignedCode code = codes.sign(codes.payload("140000", MARCH_20).build());

    assertThatThrownBy(() -> verifier.verify(RealCodes.tamperPayload(code), MARCH_20))
        .isInstanceOfSatisfying(
            UnverifiableCodeException.class,
            e -> assertThat(e.reason()).isEqualTo("BAD_SIGNATURE"));
  }

  @Test
  void verify_truncatedOrGarbage_isMalformed() {
    String qr = codes.qr(codes.payload("140000", MARCH_20).build());

    assertThatThrownBy(() -> verifier.verify(RealCodes.truncate(qr), MARCH_20))
        .isInstanceOfSatisfying(
            UnverifiableCodeException.class, e -> assertThat(e.reason()).isEqualTo("MALFORMED"));
    assertThatThrownBy(() -> verifier.verify(RealCodes.garbage(7), MARCH_20))
        .isInstanceOfSatisfying(
            UnverifiableCodeException.class, e -> assertThat(e.reason()).isEqualTo("MALFORMED"));
  }

  @Test
  void verify_strangersCode_isRejected() {
    SignedCode code = RealCodes.signByStranger(codes.payload("990000", MARCH_20).build());

    assertThatThrownBy(() -> verifier.verify(codefed.code.HealthCodeText.encode(code), MARCH_20))
        .isInstanceOfSatisfying(
            UnverifiableCodeException.class,
            e -> assertThat(e.reason()).isIn("UNKNOWN_KEY", "UNKNOWN_ISSUER"));
  }

  @Test
  void verify_repeatScan_isRemembered() throws Exception {
    String qr = codes.qr(codes.payload("140000", MARCH_20).build());
    verifier.verify(qr, MARCH_20);

    VerifiedPayload again = verifier.verify(qr, MARCH_20.plusSeconds(60));

    assertThat(again.payload().getIssuer()).isEqualTo("140000");
    assertThat(verifier.remembered()).isEqualTo(1);
  }

  @Test
  void verify_repeatScanBeforeTheKeyIsValid_isStillRefused() throws Exception {
    String qr = codes.qr(codes.payload("140000", MARCH_20).build());
    verifier.verify(qr, MARCH_20);

    assertThatThrownBy(() -> verifier.verify(qr, TestPki.ISSUER_KEYS_NOT_BEFORE.minusSeconds(1)))
        .isInstanceOfSatisfying(
            UnverifiableCodeException.class,
            e -> assertThat(e.reason()).isEqualTo("KEY_NOT_VALID"));
  }
}
