package codefed.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints signed with the gateway identity key and assertions checked against the trust list.
 */
class PkiVerificationTest {
  @TempDir static Path tmp;
  private static PkiDirectory pki;

  @BeforeAll
  static void createPki() {
    pki = TestPki.create(tmp.resolve("pki"), "150000", "140000");
  }

  private static AuditRecord withAssertion(int i, String claimedIssuer, Signer signer) {
    StatusAssertion a =
        StatusAssertion.newBuilder()
            .setIssuer(claimedIssuer)
            .setCodeId(ByteString.copyFrom(new byte[16]))
            .setState(CodeState.CODE_STATE_ACTIVE)
            .setColor(Color.COLOR_GREEN)
            .build();
    byte[] bytes = a.toByteArray();
    SignedAssertion signed =
        SignedAssertion.newBuilder()
            .setAssertion(ByteString.copyFrom(bytes))
            .setKeyId(signer.keyId())
            .setSignature(ByteString.copyFrom(signer.sign(SigningDomain.ASSERTION, bytes)))
            .build();
    return TestRecords.withClearAssertion(
            TestRecords.decision(i).toBuilder()
                .setCode(CodeFacts.newBuilder().setIssuer(claimedIssuer)),
            signed)
        .build();
  }

  private static Path write(String name, AuditRecord... records) throws Exception {
    Path dir = tmp.resolve(name);
    Signer gateway = CheckpointSignatures.gatewaySigner(pki, "150000");
    try (AuditLog log = AuditLog.open(dir, AuditLogOptions.defaults("150000", gateway))) {
      for (AuditRecord r : records) {
        log.append(r);
      }
    }
    return dir;
  }

  @Test
  void logSignedWithTheGatewayIdentityKey_withIssuerSignedAssertions_verifies() throws Exception {
    Signer issuer = pki.issuerSigner("140000");
    Path log =
        write(
            "good",
            withAssertion(0, "140000", issuer),
            TestRecords.decision(1),
            withAssertion(2, "140000", issuer));
    VerificationReport report = LogVerifier.verify(log, PkiVerificationKeys.load(pki));
    assertThat(report.summary()).isEqualTo("OK: 3 records, 1 checkpoints");
  }

  @Test
  void assertionSignedByAnotherProvince_forThisIssuer_failsNamingTheRecord() throws Exception {
    Path log =
        write(
            "impostor",
            TestRecords.decision(0),
            withAssertion(1, "140000", pki.issuerSigner("150000")));
    VerificationReport report = LogVerifier.verify(log, PkiVerificationKeys.load(pki));
    assertThat(report.problem())
        .hasValueSatisfying(
            p -> {
              assertThat(p.sequence()).isEqualTo(1);
              assertThat(p.reason()).startsWith("node assertion: UNKNOWN_KEY");
            });
  }

  @Test
  void checkpointsOfAnotherGateway_claimingThisName_fail() throws Exception {
    Path dir = tmp.resolve("other-gateway");
    Signer notOurs =
        Signer.of(
            CheckpointSignatures.keyId("150000", TestKeys.p256().getPublic()),
            CheckpointSignatures.ALGORITHM,
            TestKeys.p256());
    try (AuditLog log = AuditLog.open(dir, AuditLogOptions.defaults("150000", notOurs))) {
      log.append(TestRecords.decision(0));
    }
    VerificationReport report = LogVerifier.verify(dir, PkiVerificationKeys.load(pki));
    assertThat(report.summary())
        .startsWith("FAIL: (checkpoints.log) checkpoint 0: signed with key");
  }
}
