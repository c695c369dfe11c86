package codefed.gateway.audit.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.audit.TestRecords;
import codefed.gateway.recognition.AssertedStatus;
import codefed.gateway.recognition.StatusSummaries;
import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Evidence;
import healthcode.federation.v1.ItineraryVisit;
import healthcode.federation.v1.RecordFormat;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sealed evidence opens only with the auditors' key and only for the record it was sealed for; a
 * clear status that contradicts the sealed answer is caught when opened; records written before
 * sealing are still read.
 */
class SealedEvidenceTest {
  @TempDir Path tmp;

  static SignedAssertion answer(String maskedName, String area) {
    StatusAssertion a =
        StatusAssertion.newBuilder()
            .setIssuer("140000")
            .setCodeId(
                ByteString.copyFrom(
                    new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
            .setState(CodeState.CODE_STATE_ACTIVE)
            .setColor(Color.COLOR_GREEN)
            .setMaskedName(maskedName)
            .addItinerary(
                ItineraryVisit.newBuilder()
                    .setAreaCode(area)
                    .setAreaName("武汉市武昌区")
                    .setRiskLevel(RiskLevel.RISK_LEVEL_HIGH))
            .setItineraryRisk(RiskLevel.RISK_LEVEL_HIGH)
            .setAssertedAt(Timestamp.newBuilder().setSeconds(TestRecords.T0.getEpochSecond()))
            .build();
    return SignedAssertion.newBuilder()
        .setAssertion(a.toByteString())
        .setKeyId("140000-ec-1")
        .setSignature(ByteString.copyFromUtf8("sig"))
        .build();
  }

  static AuditRecord sealed(int i, SignedAssertion answer, EvidenceSealer sealer) {
    AuditRecord.Builder r =
        TestRecords.decision(i).toBuilder()
            .clearNote()
            .setStatus(StatusSummaries.of(AssertedStatus.of(answer), RiskLevel.RISK_LEVEL_HIGH));
    return sealer.sealInto(r, Evidence.newBuilder().setAssertion(answer).build()).build();
  }

  static Evidence open(AuditRecord r) {
    try {
      return TestSealKeys.OPENER.open(r);
    } catch (EvidenceException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void sealedAnswer_opensWithTheAuditorsKey_andIsNotInTheClearBytes() throws Exception {
    SignedAssertion answer = answer("张*", "420106");
    AuditRecord r = sealed(0, answer, TestSealKeys.SEALER);

    assertThat(r.getFormat()).isEqualTo(RecordFormat.RECORD_FORMAT_SEALED_EVIDENCE);
    assertThat(r.getSealedEvidence().getRecipientKeyId())
        .isEqualTo(TestSealKeys.SEALER.keyId())
        .isEqualTo(TestSealKeys.OPENER.keyId());
    assertThat(TestSealKeys.OPENER.open(r).getAssertion()).isEqualTo(answer);
    String clear = r.toByteString().toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    assertThat(clear)
        .doesNotContain("420106")
        .doesNotContain(
            new String(
                "张*".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Test
  void evidenceMovedToAnotherRecord_doesNotOpen() {
    AuditRecord a = sealed(1, answer("张*", "420106"), TestSealKeys.SEALER);
    AuditRecord b = sealed(2, answer("李*", "110105"), TestSealKeys.SEALER);
    AuditRecord moved = b.toBuilder().setSealedEvidence(a.getSealedEvidence()).build();

    assertThatThrownBy(() -> TestSealKeys.OPENER.open(moved))
        .isInstanceOf(EvidenceException.class)
        .hasMessage("sealed evidence does not open: altered, or not this record's");
    // The same evidence on a record whose time or checkpoint changed is refused as well.
    AuditRecord retimed =
        a.toBuilder()
            .setTime(Timestamp.newBuilder().setSeconds(a.getTime().getSeconds() + 1))
            .build();
    assertThatThrownBy(() -> TestSealKeys.OPENER.open(retimed))
        .isInstanceOf(EvidenceException.class);
  }

  @Test
  void alteredCiphertext_doesNotOpen() {
    AuditRecord r = sealed(3, answer("张*", "420106"), TestSealKeys.SEALER);
    byte[] ct = r.getSealedEvidence().getCiphertext().toByteArray();
    ct[5] ^= 1;
    AuditRecord altered =
        r.toBuilder()
            .setSealedEvidence(
                r.getSealedEvidence().toBuilder().setCiphertext(ByteString.copyFrom(ct)))
            .build();

    assertThatThrownBy(() -> TestSealKeys.OPENER.open(altered))
        .isInstanceOf(EvidenceException.class)
        .hasMessageContaining("does not open");
  }

  @Test
  void anotherKey_cannotOpen_andSaysWhichKeyItWasSealedTo() {
    AuditRecord r = sealed(4, answer("张*", "420106"), TestSealKeys.SEALER);
    EvidenceOpener other = EvidenceOpener.of(TestSealKeys.generate().getPrivate().getEncoded());

    assertThatThrownBy(() -> other.open(r))
        .isInstanceOf(EvidenceException.class)
        .hasMessageStartingWith(
            "sealed to key " + TestSealKeys.SEALER.keyId() + ", not to the given key");
  }

  @Test
  void clearStatusContradictingTheSealedAnswer_isCaughtWhenOpened() {
    AuditRecord r = sealed(5, answer("张*", "420106"), TestSealKeys.SEALER);
    // A gateway that writes RED in the clear while the node said GREEN.
    AuditRecord lying =
        r.toBuilder().setStatus(r.getStatus().toBuilder().setColor(Color.COLOR_RED)).build();
    AuditRecord resealed =
        TestSealKeys.SEALER.sealInto(lying.toBuilder().clearSealedEvidence(), open(r)).build();

    RecordInputs opening = RecordInputs.opening(Optional.of(TestSealKeys.OPENER), Optional.empty());
    assertThatThrownBy(() -> opening.status(resealed))
        .isInstanceOf(EvidenceException.class)
        .hasMessage("the clear node status differs from the node's signed answer");
  }

  @Test
  void withoutTheKey_theClearStatusStandsIn_withTheItineraryRiskThePolicyActedOn()
      throws Exception {
    AuditRecord r = sealed(6, answer("张*", "420106"), TestSealKeys.SEALER);
    RecordInputs clear = RecordInputs.clear();

    StatusAssertion standIn = clear.status(r).orElseThrow().assertion();

    assertThat(standIn.getColor()).isEqualTo(Color.COLOR_GREEN);
    assertThat(standIn.getItineraryRisk()).isEqualTo(RiskLevel.RISK_LEVEL_HIGH);
    assertThat(standIn.getItineraryList()).isEmpty();
    assertThat(standIn.getCodeId()).isEmpty();
    assertThat(standIn.getMaskedName()).isEmpty();
    assertThat(clear.summary())
        .singleElement()
        .asString()
        .contains("node signatures NOT re-checked");
  }

  @Test
  void recordWrittenBeforeSealing_hasItsClearAnswerRead() throws Exception {
    SignedAssertion answer = answer("张*", "420106");
    AuditRecord legacy =
        AuditRecord.parseFrom(
            TestRecords.withClearAssertion(TestRecords.decision(7).toBuilder(), answer)
                .build()
                .toByteArray());

    assertThat(legacy.getFormat()).isEqualTo(RecordFormat.RECORD_FORMAT_UNSPECIFIED);
    assertThat(RecordInputs.hasNodeAnswer(legacy)).isTrue();
    assertThat(RecordInputs.clear().status(legacy).orElseThrow().signed()).isEqualTo(answer);
  }

  @Test
  void sealerForANonX25519Key_isRefused() throws Exception {
    var p256 = java.security.KeyPairGenerator.getInstance("EC");
    p256.initialize(256);
    byte[] spki = p256.generateKeyPair().getPublic().getEncoded();

    assertThatThrownBy(() -> EvidenceSealer.forKey(spki))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: X25519");
  }

  @Test
  void certsInit_certifiesTheSealingKey_andItsPrivateHalfOpensWhatTheGatewaySeals()
      throws Exception {
    PkiDirectory pki = TestPki.create(tmp.resolve("pki"), "150000", "140000");
    EvidenceSealer sealer = EvidenceSealer.fromPki(pki, Instant.now());
    EvidenceOpener opener = EvidenceOpener.load(pki.auditorSealKeyPath());

    AuditRecord r = sealed(8, answer("张*", "420106"), sealer);

    assertThat(opener.open(r).getAssertion().getAssertion())
        .isEqualTo(answer("张*", "420106").getAssertion());
    assertThat(Files.getPosixFilePermissions(pki.auditorSealKeyPath()))
        .containsExactlyInAnyOrder(
            java.nio.file.attribute.PosixFilePermission.OWNER_READ,
            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
  }

  @Test
  void sealingCertificateOfAnotherFederation_isRefused_andNothingIsSealedToIt() throws Exception {
    PkiDirectory pki = TestPki.create(tmp.resolve("pki"), "150000", "140000");
    PkiDirectory stranger = TestPki.create(tmp.resolve("stranger"), "150000", "140000");
    Files.copy(
        stranger.auditorSealCertificatePath(),
        pki.auditorSealCertificatePath(),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> EvidenceSealer.fromPki(pki, Instant.now()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid under this PKI's CA");
  }
}
