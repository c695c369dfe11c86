package codefed.gateway.audit.replay;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.code.HealthCodeText;
import codefed.code.Issuers;
import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.CheckpointSignatures;
import codefed.gateway.audit.LogVerifier;
import codefed.gateway.audit.PkiVerificationKeys;
import codefed.gateway.audit.VerificationReport;
import codefed.gateway.audit.seal.EvidenceSealer;
import codefed.gateway.cases.RecognitionCase;
import codefed.gateway.cli.AuditCommandRunner;
import codefed.gateway.policy.Policy;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.recognition.CodeIdHasher;
import codefed.gateway.recognition.Recognizer;
import codefed.gateway.recognition.ScanRequest;
import codefed.gateway.recognition.Timestamps;
import codefed.gateway.recognition.TrustListCodeVerifier;
import codefed.gateway.status.StatusLookup;
import codefed.gateway.testing.FakeStatusSource;
import codefed.gateway.testing.RealCodes;
import codefed.gateway.testing.SharedPki;
import codefed.gateway.testing.TestData;
import codefed.pki.PkiDirectory;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import codefed.time.MutableClock;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.ColorSnapshot;
import healthcode.federation.v1.ItineraryVisit;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.SignedCode;
import healthcode.federation.v1.StatusAssertion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: every acceptance case through the gateway's {@link Recognizer} into a real {@link
 * AuditLog} (node answers signed with the real issuer keys), then the auditor's tools: the log
 * verifies, every decision replays to what was recorded, and a what-if shows what the 2021 policy
 * would have changed.
 */
class ReplayTest {
  @TempDir static Path tmp;
  static PkiDirectory pki;
  static Path log;
  static int decisions;
  static final PolicyBook SHIPPED = PolicyBook.shipped();

  @BeforeAll
  static void recordEveryAcceptanceCase() throws Exception {
    pki = SharedPki.get();
    RealCodes codes = new RealCodes(pki);
    var trust = pki.trustList();
    TrustListCodeVerifier verifier = new TrustListCodeVerifier(() -> trust, 1000);
    log = tmp.resolve("audit");
    try (AuditLog audit =
        AuditLog.open(
            log,
            AuditLogOptions.defaults(
                "150000", CheckpointSignatures.gatewaySigner(pki, "150000")))) {
      for (Policy p : SHIPPED.all()) {
        audit.archivePolicy(p.contentHash(), p.documentText());
      }
      for (RecognitionCase c : TestData.cases("recognition-cases.csv")) {
        MutableClock clock = new MutableClock(c.scannedAt().toInstant());
        FakeStatusSource status = new FakeStatusSource();
        Recognizer recognizer =
            Recognizer.builder()
                .gateway("150000")
                .jurisdiction(c.jurisdiction())
                .policies(() -> SHIPPED)
                .verifier(verifier)
                .status(status)
                .log(audit)
                .hasher(new CodeIdHasher(new byte[32]))
                .sealer(EvidenceSealer.fromPki(pki, Instant.now()))
                .clock(clock)
                .build();
        Instant issued = c.scannedAt().toInstant().minus(c.codeAge());
        CodePayload.Builder pb = codes.payload(c.issuer(), issued);
        if (c.snapshotAge().isPresent()) {
          pb.setColorSnapshot(
              ColorSnapshot.newBuilder()
                  .setColor(c.color())
                  .setAsOf(Timestamps.of(c.scannedAt().toInstant().minus(c.snapshotAge().get()))));
        }
        CodePayload payload = pb.build();
        StatusAssertion asserted = assertion(c, payload);
        status.answer(
            c.nodeUp() && !stranger(c.issuer())
                ? new StatusLookup.Found(asserted, sign(asserted), false)
                : new StatusLookup.Unreachable("down"));
        SignedCode signed =
            stranger(c.issuer()) ? RealCodes.signByStranger(payload) : codes.sign(payload);
        String qr =
            switch (c.tamper()) {
              case SIGNATURE -> RealCodes.tamperSignature(signed);
              case PAYLOAD -> RealCodes.tamperPayload(signed);
              case TRUNCATED -> RealCodes.truncate(HealthCodeText.encode(signed));
              case GARBAGE -> RealCodes.garbage(c.id().hashCode());
              case NONE -> HealthCodeText.encode(signed);
            };
        recognizer.recognize(
            ScanRequest.of("scan.", "checkpoint-1", c.checkpoint(), qr, c.temperature()));
        decisions++;
      }
    }
  }

  private static boolean stranger(String issuer) {
    return !Issuers.isProvince(issuer) && !Issuers.NATIONAL.equals(issuer);
  }

  /** What the row's node holds: its color, reasons and itinerary. */
  private static StatusAssertion assertion(RecognitionCase c, CodePayload payload) {
    StatusAssertion.Builder a =
        StatusAssertion.newBuilder()
            .setIssuer(c.issuer())
            .setCodeId(payload.getCodeId())
            .setState(CodeState.CODE_STATE_ACTIVE)
            .setColor(c.color())
            .setMaskedName(payload.getMaskedName())
            .setMaskedIdNumber(payload.getMaskedIdNumber())
            .setAssertedAt(Timestamps.of(c.scannedAt().toInstant()))
            .setValidUntil(Timestamps.of(c.scannedAt().toInstant().plus(Duration.ofMinutes(5))));
    a.addAllReasons(c.reasons());
    RiskLevel highest = RiskLevel.RISK_LEVEL_UNSPECIFIED;
    for (int i = 0; i < c.itinerary().size(); i++) {
      RiskLevel level = c.itinerary().get(i);
      a.addItinerary(
          ItineraryVisit.newBuilder()
              .setAreaCode("14011" + i)
              .setRiskLevel(level)
              .setVisitedAt(
                  Timestamps.of(c.scannedAt().toInstant().minus(Duration.ofDays(i + 1)))));
      highest = level.compareTo(highest) > 0 ? level : highest;
    }
    return a.setItineraryRisk(highest).build();
  }

  private static SignedAssertion sign(StatusAssertion a) {
    Signer issuer = pki.issuerSigner(a.getIssuer());
    byte[] bytes = a.toByteArray();
    return SignedAssertion.newBuilder()
        .setAssertion(ByteString.copyFrom(bytes))
        .setKeyId(issuer.keyId())
        .setSignature(ByteString.copyFrom(issuer.sign(SigningDomain.ASSERTION, bytes)))
        .build();
  }

  @Test
  void everyRecordedDecision_replaysToWhatWasRecorded_andTheLogVerifies() throws Exception {
    DecisionReplay.Result result = DecisionReplay.replay(log);
    assertThat(result.mismatches()).isEmpty();
    assertThat(result.replayed()).isEqualTo(decisions);
    assertThat(result.policies()).isGreaterThanOrEqualTo(3);

    VerificationReport report = LogVerifier.verify(log, PkiVerificationKeys.load(pki));
    assertThat(report.summary()).isEqualTo("OK: " + decisions + " records, 1 checkpoints");

    AuditCommandRunner.Run cli = AuditCommandRunner.run("replay", "--log", log.toString());
    assertThat(cli.exit()).isZero();
    assertThat(cli.out()).startsWith("OK: replayed " + decisions + " decisions under ");
  }

  @Test
  void withTheAuditorsKey_everyNodeAnswerIsOpenedAndReChecked_andReplaysExactly() throws Exception {
    AuditCommandRunner.Run replay =
        AuditCommandRunner.run(
            "replay",
            "--log",
            log.toString(),
            "--auditor-key",
            pki.auditorSealKeyPath().toString(),
            "--pki",
            pki.root().toString());
    assertThat(replay.exit()).as(replay.out()).isZero();
    assertThat(replay.out())
        .startsWith("OK: replayed " + decisions + " decisions under ")
        .containsPattern(
            "evidence: \\d+ node answers opened from sealed evidence, node signatures re-checked")
        .doesNotContain("NOT re-checked");

    AuditCommandRunner.Run verify =
        AuditCommandRunner.run(
            "verify",
            "--log",
            log.toString(),
            "--pki",
            pki.root().toString(),
            "--auditor-key",
            pki.auditorSealKeyPath().toString());
    assertThat(verify.exit()).as(verify.out()).isZero();
    assertThat(verify.out())
        .startsWith("OK: " + decisions + " records, 1 checkpoints")
        .doesNotContain("warning");

    AuditCommandRunner.Run keyless =
        AuditCommandRunner.run("verify", "--log", log.toString(), "--pki", pki.root().toString());
    assertThat(keyless.exit()).isZero();
    assertThat(keyless.out())
        .contains("warning: ")
        .contains("records hold sealed evidence that was not opened")
        .contains("NOT checked");
  }

  @Test
  void auditorKeyWithoutPki_isRefusedWithAMessage() throws Exception {
    AuditCommandRunner.Run replay =
        AuditCommandRunner.run(
            "replay",
            "--log",
            log.toString(),
            "--auditor-key",
            pki.auditorSealKeyPath().toString());
    assertThat(replay.exit()).isNotZero();
    assertThat(replay.out() + replay.err()).contains("--auditor-key needs --pki");
  }

  @Test
  void aRecordWhoseOutcomeTheRulesDoNotGive_isAMismatch_andTheExitIsNonZero() throws Exception {
    Path copy = copyOf(log, "altered");
    AuditRecord first =
        codefed.gateway.audit.LogReader.readAll(copy).stream()
            .filter(r -> r.getOutcome() == Outcome.OUTCOME_PASS)
            .findFirst()
            .orElseThrow();
    try (AuditLog audit =
        AuditLog.open(
            copy,
            AuditLogOptions.defaults(
                "150000", CheckpointSignatures.gatewaySigner(pki, "150000")))) {
      audit.append(first.toBuilder().setOutcome(Outcome.OUTCOME_REJECT).build());
    }
    AuditCommandRunner.Run cli = AuditCommandRunner.run("replay", "--log", copy.toString());
    assertThat(cli.exit()).isEqualTo(1);
    assertThat(cli.out())
        .contains("MISMATCH #" + decisions + " (policy ")
        .contains("recorded REJECT, replayed PASS")
        .contains("FAIL: replayed " + (decisions + 1) + " decisions")
        .contains("1 mismatches");
  }

  @Test
  void anArchivedPolicyThatWasEdited_isReportedForEachDecisionMadeUnderIt() throws Exception {
    Path copy = copyOf(log, "edited-policy");
    Policy edited = SHIPPED.versions("150000").get(1);
    Path file =
        copy.resolve("policies")
            .resolve(HexFormat.of().formatHex(edited.contentHash()) + ".textproto");
    Files.writeString(file, Files.readString(file).replace("37.3", "38.5"));
    DecisionReplay.Result result = DecisionReplay.replay(copy);
    assertThat(result.mismatches())
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.why()).contains("the archived document hashes to"));
  }

  @Test
  void whatIf_the2021PolicyHadBeenInForce_showsHubeiCodesNoLongerNeedingManualVerification()
      throws Exception {
    Policy p2021 = SHIPPED.versions("150000").get(2);
    Path file = tmp.resolve("150000-2021.textproto");
    Files.writeString(
        file,
        p2021
            .documentText()
            .replaceAll(
                "effective_from: \"2021-01-31T00:00:00\\+08:00\"",
                "effective_from: \"2020-01-01T00:00:00+08:00\""));
    AuditCommandRunner.Run cli =
        AuditCommandRunner.run("replay", "--log", log.toString(), "--policy", file.toString());
    assertThat(cli.exit()).as(cli.err()).isZero();
    List<String> lines = cli.out().lines().toList();
    assertThat(lines.get(0)).startsWith("what-if 150000@").contains("decisions would change");
    assertThat(cli.out())
        .contains("by transition:")
        .contains("  MANUAL_VERIFICATION[MANUAL_CHECK] -> ASK_NODE: ")
        .contains("by issuer:")
        .contains("  420000: 2 of 2")
        .contains("    e.g. #")
        .contains("the policy would ask issuer 420000's node");
  }

  private static Path copyOf(Path dir, String name) throws Exception {
    return codefed.gateway.audit.LogFiles.snapshot(dir, tmp.resolve(name));
  }
}
