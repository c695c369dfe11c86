package codefed.trust;

import static codefed.trust.TestFederation.KEYS_UNTIL;
import static codefed.trust.TestFederation.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.SignatureAlgorithm;
import healthcode.trust.v1.SignedTrustList;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustListLoadTest {
  private final TestFederation federation = new TestFederation();
  @TempDir Path dir;

  @Test
  void load_writtenSignedList_givesEveryIssuerAndKey() throws Exception {
    Path file = dir.resolve("trust-list.pb");
    TrustListBuilder.write(federation.signedList(), file);

    TrustList list = TrustList.load(file, federation.ca.certificate(), NOW);

    assertThat(list.trustDomain()).isEqualTo("test.codefed");
    assertThat(list.version()).isEqualTo(1);
    assertThat(list.nextUpdate()).isEqualTo(KEYS_UNTIL);
    assertThat(list.issuers()).containsExactly("140000", "150000", "NATIONAL");
    assertThat(list.knowsIssuer("150000")).isTrue();
    assertThat(list.knowsIssuer("420000")).isFalse();
    assertThat(list.key("150000", federation.innerMongolia.keyId()))
        .get()
        .extracting(IssuerKey::getAlgorithm)
        .isEqualTo(SignatureAlgorithm.SIGNATURE_ALGORITHM_SM2_SM3);
    assertThat(list.keys("140000"))
        .extracting(IssuerKey::getKeyId)
        .containsExactly(federation.shanxi.keyId());
  }

  @Test
  void key_ofAnotherIssuer_isEmpty() throws Exception {
    TrustList list = federation.trustList();

    assertThat(list.key("150000", federation.shanxi.keyId())).isEmpty();
    assertThat(list.keys("420000")).isEmpty();
  }

  @Test
  void load_oneBitFlippedInTheSignature_isRefusedAsBadlySigned() {
    SignedTrustList signed = federation.signedList();
    SignedTrustList broken =
        signed.toBuilder()
            .setSignature(
                TestFederation.flipBit(signed.getSignature(), signed.getSignature().size() * 8 - 1))
            .build();

    assertRefused(
        () -> TrustList.verify(broken, federation.ca.certificate(), NOW),
        TrustListException.Problem.BAD_SIGNATURE);
  }

  @Test
  void load_oneBitFlippedInTheListBytes_isRefusedAsBadlySigned() {
    SignedTrustList signed = federation.signedList();
    SignedTrustList tampered =
        signed.toBuilder().setTrustList(TestFederation.flipBit(signed.getTrustList(), 40)).build();

    assertRefused(
        () -> TrustList.verify(tampered, federation.ca.certificate(), NOW),
        TrustListException.Problem.BAD_SIGNATURE);
  }

  @Test
  void load_unsignedList_isRefused() {
    SignedTrustList unsigned = federation.signedList().toBuilder().clearSignature().build();

    assertRefused(
        () -> TrustList.verify(unsigned, federation.ca.certificate(), NOW),
        TrustListException.Problem.UNSIGNED);
  }

  @Test
  void load_listSignedByAnotherCa_isRefusedAsWrongSigner() {
    TestCa other = TestCa.create("another CA");
    SignedTrustList foreign = federation.builder().sign(other.privateKey(), other.certificate());

    assertRefused(
        () -> TrustList.verify(foreign, federation.ca.certificate(), NOW),
        TrustListException.Problem.WRONG_SIGNER);
  }

  @Test
  void load_anotherCaSignatureUnderOurFingerprint_isRefusedAsBadlySigned() {
    TestCa other = TestCa.create("another CA");
    SignedTrustList forged =
        federation.builder().sign(other.privateKey(), other.certificate()).toBuilder()
            .setSignerFingerprint(
                ByteString.copyFrom(TrustList.fingerprint(federation.ca.certificate())))
            .build();

    assertRefused(
        () -> TrustList.verify(forged, federation.ca.certificate(), NOW),
        TrustListException.Problem.BAD_SIGNATURE);
  }

  @Test
  void load_atNextUpdate_isRefusedAsStale() {
    assertRefused(
        () -> TrustList.verify(federation.signedList(), federation.ca.certificate(), KEYS_UNTIL),
        TrustListException.Problem.STALE);
  }

  @Test
  void load_justBeforeNextUpdate_isAccepted() throws Exception {
    TrustList list =
        TrustList.verify(
            federation.signedList(), federation.ca.certificate(), KEYS_UNTIL.minusNanos(1));

    assertThat(list.isStale(KEYS_UNTIL.minusNanos(1))).isFalse();
    assertThat(list.isStale(KEYS_UNTIL)).isTrue();
  }

  @Test
  void load_fileThatIsNotProtobuf_isRefusedAsMalformed() throws Exception {
    Path file = dir.resolve("junk.pb");
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});

    assertRefused(
        () -> TrustList.load(file, federation.ca.certificate(), NOW),
        TrustListException.Problem.MALFORMED);
  }

  @Test
  void load_missingFile_isRefusedAsUnreadable() {
    assertRefused(
        () -> TrustList.load(dir.resolve("absent.pb"), federation.ca.certificate(), NOW),
        TrustListException.Problem.UNREADABLE);
  }

  @Test
  void load_correctlySignedListWithAKeyOfUnspecifiedAlgorithm_isRefusedNamingTheField() {
    healthcode.trust.v1.TrustList content = federation.builder().build();
    healthcode.trust.v1.TrustList.Builder broken = content.toBuilder();
    broken
        .getIssuersBuilder(1)
        .getKeysBuilder(0)
        .setAlgorithm(SignatureAlgorithm.SIGNATURE_ALGORITHM_UNSPECIFIED);
    SignedTrustList signed = signWithCa(broken.build().toByteArray());

    assertThatThrownBy(() -> TrustList.verify(signed, federation.ca.certificate(), NOW))
        .isInstanceOf(TrustListException.class)
        .hasMessageStartingWith(
            "trust_list.issuers[1].keys[0].algorithm: SIGNATURE_ALGORITHM_UNSPECIFIED");
  }

  @Test
  void load_correctlySignedListWithAKeyIdTwice_isRefusedAsMalformed() {
    healthcode.trust.v1.TrustList content = federation.builder().build();
    healthcode.trust.v1.TrustList.Builder broken = content.toBuilder();
    broken.getIssuersBuilder(1).addKeys(content.getIssuers(0).getKeys(0));

    assertRefused(
        () ->
            TrustList.verify(
                signWithCa(broken.build().toByteArray()), federation.ca.certificate(), NOW),
        TrustListException.Problem.MALFORMED);
  }

  @Test
  void load_correctlySignedBytesThatAreNotATrustList_isRefusedAsMalformed() {
    assertRefused(
        () ->
            TrustList.verify(
                signWithCa(new byte[] {(byte) 0xff, 1}), federation.ca.certificate(), NOW),
        TrustListException.Problem.MALFORMED);
  }

  private SignedTrustList signWithCa(byte[] listBytes) {
    Signer ca =
        Signer.of(
            "ca",
            SignatureAlgorithm.SIGNATURE_ALGORITHM_ECDSA_P256_SHA256,
            federation.ca.privateKey(),
            federation.ca.certificate().getPublicKey());
    return SignedTrustList.newBuilder()
        .setTrustList(ByteString.copyFrom(listBytes))
        .setSignature(ByteString.copyFrom(ca.sign(SigningDomain.TRUST_LIST, listBytes)))
        .setSignerFingerprint(
            ByteString.copyFrom(TrustList.fingerprint(federation.ca.certificate())))
        .build();
  }

  private static void assertRefused(ThrowingCallable load, TrustListException.Problem problem) {
    assertThatThrownBy(load)
        .isInstanceOf(TrustListException.class)
        .extracting(e -> ((TrustListException) e).problem())
        .isEqualTo(problem);
  }
}
