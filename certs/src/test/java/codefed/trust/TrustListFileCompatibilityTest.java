package codefed.trust;

import static codefed.trust.TestFederation.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import healthcode.federation.v1.SignedCode;
import healthcode.trust.v1.SignedTrustList;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A signed trust list written by the first release (committed under {@code
 * src/test/resources/trust-list-v1}, with its CA certificate and a code signed by one of its keys)
 * keeps loading, verifying and vouching for codes: the file format is frozen bytes, whatever
 * package its schema lives in.
 */
class TrustListFileCompatibilityTest {
  private static final String FIXTURE = "/trust-list-v1/";
  @TempDir Path dir;

  @Test
  void load_listWrittenByTheFirstRelease_verifiesAndListsItsIssuers() throws Exception {
    TrustList list = TrustList.load(fixtureFile("trust-list.pb"), ca(), NOW);

    assertThat(list.trustDomain()).isEqualTo("test.codefed");
    assertThat(list.version()).isEqualTo(1);
    assertThat(list.issuers()).containsExactly("140000", "150000", "NATIONAL");
    assertThat(list.keys("150000")).hasSize(1);
  }

  @Test
  void verifyCode_codeSignedUnderTheFirstRelease_isAccepted() throws Exception {
    TrustList list = TrustList.load(fixtureFile("trust-list.pb"), ca(), NOW);
    SignedCode code = SignedCode.parseFrom(bytes("code-150000.pb"));

    VerifiedCode verified = list.verifyCode(code, NOW);

    assertThat(verified.issuer()).isEqualTo("150000");
    assertThat(verified.keyId()).isEqualTo(list.keys("150000").get(0).getKeyId());
  }

  @Test
  void load_firstReleaseListWithOneListByteChanged_isRefusedAsBadlySigned() throws Exception {
    SignedTrustList signed = SignedTrustList.parseFrom(bytes("trust-list.pb"));
    Path tampered = dir.resolve("trust-list.pb");
    Files.write(
        tampered,
        signed.toBuilder()
            .setTrustList(TestFederation.flipBit(signed.getTrustList(), 40))
            .build()
            .toByteArray());

    assertThatThrownBy(() -> TrustList.load(tampered, ca(), NOW))
        .isInstanceOf(TrustListException.class)
        .extracting(e -> ((TrustListException) e).problem())
        .isEqualTo(TrustListException.Problem.BAD_SIGNATURE);
  }

  @Test
  void serialize_parsedFirstReleaseList_givesTheSameBytes() throws Exception {
    byte[] original = bytes("trust-list.pb");
    SignedTrustList signed = SignedTrustList.parseFrom(original);

    assertThat(signed.toByteArray()).isEqualTo(original);
    assertThat(
            healthcode.trust.v1.TrustList.parseFrom(signed.getTrustList())
                .getUnknownFields()
                .asMap())
        .isEmpty();
  }

  private Path fixtureFile(String name) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, bytes(name));
    return file;
  }

  private static X509Certificate ca() throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(bytes("ca.der")));
  }

  private static byte[] bytes(String name) throws Exception {
    try (InputStream in =
        TrustListFileCompatibilityTest.class.getResourceAsStream(FIXTURE + name)) {
      assertThat(in).as(FIXTURE + name).isNotNull();
      return in.readAllBytes();
    }
  }
}
