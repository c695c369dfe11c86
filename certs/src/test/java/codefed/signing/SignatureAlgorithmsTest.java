package codefed.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import healthcode.federation.v1.SignatureAlgorithm;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SignatureAlgorithmsTest {
  private static final SignatureAlgorithm P256 =
      SignatureAlgorithm.SIGNATURE_ALGORITHM_ECDSA_P256_SHA256;
  private static final SignatureAlgorithm SM2 = SignatureAlgorithm.SIGNATURE_ALGORITHM_SM2_SM3;
  private static final SignatureAlgorithm ED25519 = SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519;

  @Test
  void keyId_isIssuerAlgorithmAndFirstEightHexOfTheSpkiHash() throws Exception {
    KeyPair keys = SignatureAlgorithms.generateKeyPair(SM2);
    byte[] spki = keys.getPublic().getEncoded();
    String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));

    assertThat(SignatureAlgorithms.keyId("140000", SM2, keys.getPublic()))
        .isEqualTo("140000-sm2-" + hash.substring(0, 8));
  }

  @Test
  void parse_shortNames_giveTheAlgorithms() {
    assertThat(SignatureAlgorithms.parse("p256")).isEqualTo(P256);
    assertThat(SignatureAlgorithms.parse("SM2")).isEqualTo(SM2);
    assertThat(SignatureAlgorithms.parse("ed25519")).isEqualTo(ED25519);
    assertThat(SignatureAlgorithms.shortName(SignatureAlgorithms.DEFAULT))
        .isIn("p256", "sm2", "ed25519");
  }

  @Test
  void parse_unknownName_isRefusedListingTheChoices() {
    assertThatThrownBy(() -> SignatureAlgorithms.parse("rsa"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("algorithm: rsa (expected: p256, sm2 or ed25519)");
  }

  @Test
  void verifierOf_sm2KeyDeclaredAsP256_isRefused() {
    byte[] sm2Key = SignatureAlgorithms.generateKeyPair(SM2).getPublic().getEncoded();

    assertThatThrownBy(() -> SignatureVerifier.of(P256, sm2Key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("public_key: key type");
  }

  @Test
  void verifierOf_garbageBytes_isRefused() {
    assertThatThrownBy(() -> SignatureVerifier.of(ED25519, new byte[] {1, 2, 3}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("public_key:");
  }

  @Test
  void verifierOf_unspecifiedAlgorithm_isRefused() {
    byte[] key = SignatureAlgorithms.generateKeyPair(ED25519).getPublic().getEncoded();

    assertThatThrownBy(
            () -> SignatureVerifier.of(SignatureAlgorithm.SIGNATURE_ALGORITHM_UNSPECIFIED, key))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("algorithm: SIGNATURE_ALGORITHM_UNSPECIFIED");
  }

  @Test
  void signerOf_privateKeyOfAnotherPair_isRefused() {
    KeyPair a = SignatureAlgorithms.generateKeyPair(P256);
    KeyPair b = SignatureAlgorithms.generateKeyPair(P256);

    assertThatThrownBy(() -> Signer.of("k", P256, a.getPrivate(), b.getPublic()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void domains_haveDistinctNulTerminatedPrefixes() {
    assertThat(new String(SigningDomain.CODE.prefix(), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("codefed/v1/code\0");
    assertThat(
            new String(
                SigningDomain.TRUST_LIST.prefix(), java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("codefed/v1/trust-list\0");
  }
}
