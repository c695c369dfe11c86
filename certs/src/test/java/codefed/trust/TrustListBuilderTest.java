package codefed.trust;

import static codefed.trust.TestFederation.KEYS_FROM;
import static codefed.trust.TestFederation.KEYS_UNTIL;
import static codefed.trust.TestFederation.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.signing.Signer;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.KeyStatus;
import healthcode.federation.v1.SignatureAlgorithm;
import healthcode.trust.v1.TrustedIssuer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustListBuilderTest {
  private final TestFederation federation = new TestFederation();
  @TempDir Path dir;

  @Test
  void build_namesIssuersAndDerivesKeyIdsFromTheKeys() {
    healthcode.trust.v1.TrustList list = federation.builder().build();

    assertThat(list.getIssuersList())
        .extracting(TrustedIssuer::getName)
        .containsExactly("山西省", "内蒙古自治区", "全国");
    assertThat(list.getIssuers(0).getKeys(0).getKeyId())
        .isEqualTo(federation.shanxi.keyId())
        .matches("140000-ed25519-[0-9a-f]{8}");
  }

  @Test
  void build_nextUpdateNotAfterIssuedAt_isRefusedNamingTheField() {
    assertThatThrownBy(() -> federation.builder().nextUpdate(KEYS_FROM).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("trust_list.next_update:");
  }

  @Test
  void build_keyValidityEndingBeforeItStarts_isRefusedNamingTheField() {
    assertThatThrownBy(
            () ->
                federation
                    .builder()
                    .addKey(
                        "420000",
                        federation.shanxi.algorithm(),
                        federation.shanxi.publicKey(),
                        KEYS_UNTIL,
                        KEYS_FROM,
                        KeyStatus.KEY_STATUS_ACTIVE)
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("trust_list.issuers[3].keys[0].not_after:");
  }

  @Test
  void from_loadedList_keepsEveryKeyAndBumpsTheVersion() throws Exception {
    TrustList v1 = federation.trustList();
    Signer rotated = Signer.generate("140000", SignatureAlgorithm.SIGNATURE_ALGORITHM_SM2_SM3);

    Path file = dir.resolve("trust-list.pb");
    TrustListBuilder.from(v1)
        .issuedAt(NOW)
        .nextUpdate(KEYS_UNTIL)
        .addKey(
            "140000",
            rotated.algorithm(),
            rotated.publicKey(),
            NOW,
            KEYS_UNTIL,
            KeyStatus.KEY_STATUS_ACTIVE)
        .writeTo(file, federation.ca.privateKey(), federation.ca.certificate());
    TrustList v2 = TrustList.load(file, federation.ca.certificate(), NOW);

    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.keys("140000"))
        .extracting(IssuerKey::getKeyId)
        .containsExactly(federation.shanxi.keyId(), rotated.keyId());
    assertThat(v2.keys("150000")).isEqualTo(v1.keys("150000"));
  }
}
