package codefed.gateway.audit;

import codefed.gateway.audit.seal.EvidenceCheck;
import codefed.gateway.audit.seal.TestSealKeys;
import codefed.gateway.recognition.AssertedStatus;
import codefed.gateway.recognition.StatusSummaries;
import codefed.pki.PkiDirectory;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Evidence;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Logs as a busy gateway writes them, for verifier tests: node answers signed with the PKI's issuer
 * key and sealed to the test auditors' key; hot records (most) carry one of a few cached answers
 * (the same signed bytes again and again), every fifth a fresh one.
 */
public final class SealedLogs {
  private final PkiDirectory pki;
  private final Signer issuer;

  public SealedLogs(PkiDirectory pki) {
    this.pki = pki;
    this.issuer = pki.issuerSigner("140000");
  }

  /**
   * Appends records [from, from + count) to the log at {@code dir}, each passed through {@code
   * change}.
   */
  public void write(Path dir, int from, int count, UnaryOperator<AuditRecord> change)
      throws Exception {
    try (AuditLog l =
        AuditLog.open(
            dir,
            AuditLogOptions.defaults("150000", CheckpointSignatures.gatewaySigner(pki, "150000"))
                .withCheckpointEvery(100, Duration.ofHours(1)))) {
      for (int i = from; i < from + count; i++) {
        l.append(change.apply(record(i)));
      }
      l.checkpoint();
    }
  }

  public void write(Path dir, int from, int count) throws Exception {
    write(dir, from, count, UnaryOperator.identity());
  }

  /** Record {@code i}: a cached answer (one of 7 codes) unless {@code i % 5 == 0}. */
  public AuditRecord record(int i) {
    return sealed(i, answer(i % 5 == 0 ? 1000 + i : i % 7));
  }

  /** Record {@code i} carrying {@code answer}, sealed as the gateway seals it. */
  public static AuditRecord sealed(int i, SignedAssertion answer) {
    AuditRecord.Builder r =
        TestRecords.decision(i).toBuilder()
            .clearNote()
            .setStatus(
                StatusSummaries.of(AssertedStatus.of(answer), RiskLevel.RISK_LEVEL_UNSPECIFIED));
    return TestSealKeys.SEALER
        .sealInto(r, Evidence.newBuilder().setAssertion(answer).build())
        .build();
  }

  /** The node's signed answer for code {@code code}. */
  public SignedAssertion answer(int code) {
    StatusAssertion a =
        StatusAssertion.newBuilder()
            .setIssuer("140000")
            .setCodeId(ByteString.copyFromUtf8("code-" + code))
            .setState(CodeState.CODE_STATE_ACTIVE)
            .setColor(Color.COLOR_GREEN)
            .setMaskedName("*" + code)
            .setAssertedAt(Timestamp.newBuilder().setSeconds(TestRecords.T0.getEpochSecond()))
            .build();
    byte[] bytes = a.toByteArray();
    return SignedAssertion.newBuilder()
        .setAssertion(ByteString.copyFrom(bytes))
        .setKeyId(issuer.keyId())
        .setSignature(ByteString.copyFrom(issuer.sign(SigningDomain.ASSERTION, bytes)))
        .build();
  }

  /** What {@code audit verify --auditor-key} checks a record with, for the log at {@code dir}. */
  public RecordCheck check(Path dir) throws Exception {
    ArchivedTrustKeys keys = keys(dir);
    return EvidenceCheck.of(keys, Optional.of(TestSealKeys.OPENER));
  }

  public ArchivedTrustKeys keys(Path dir) throws Exception {
    return ArchivedTrustKeys.forLog(dir, PkiVerificationKeys.load(pki));
  }
}
