package codefed.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.cli.drill.Drill;
import codefed.cli.drill.DrillGateway;
import codefed.gateway.audit.LogReader;
import codefed.gateway.audit.LogVerifier;
import codefed.gateway.audit.PkiVerificationKeys;
import codefed.gateway.audit.VerificationReport;
import codefed.gateway.audit.replay.DecisionReplay;
import codefed.gateway.audit.seal.EvidenceCheck;
import codefed.gateway.audit.seal.EvidenceOpener;
import codefed.gateway.audit.seal.RecordInputs;
import codefed.node.ProvinceNode;
import codefed.node.assertion.AnswerSigner;
import codefed.node.assertion.SignBatching;
import codefed.node.population.PopulationExporter;
import codefed.pki.PkiDirectory;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.SignedAssertion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node that signs its answers in batches (one signature over a Merkle root) behind a real gateway
 * over mTLS: concurrent first-time scans are decided from batch-signed answers, each audit record
 * keeps its answer's inclusion proof, and the auditors re-check every answer against its batch's
 * signature exactly as before.
 */
class BatchSignedAnswersEndToEndTest {
  private static final String ISSUER = "140000";
  private static final String JURISDICTION = "150000";
  private static final Instant START = Instant.parse("2021-02-05T02:00:00Z");
  private static final int CODES = 64;
  private static final int CHECKPOINTS = 16;

  @TempDir Path dir;

  @Test
  void concurrentScans_shareNodeSignatures_andEveryAnswerStillVerifiesInTheAudit()
      throws Exception {
    Path audit = dir.resolve("audit");
    AnswerSigner.SigningCounts counts;
    List<Decision> decisions = new ArrayList<>();
    try (Drill drill =
        Drill.start(
            dir.resolve("drill"),
            Set.of(ISSUER),
            Set.of(JURISDICTION),
            START,
            START.minus(Duration.ofDays(60)),
            CODES,
            new SignBatching(Duration.ofMillis(20), CODES))) {
      ProvinceNode node = drill.node(ISSUER);
      List<String> qrs = new ArrayList<>();
      new PopulationExporter(
              ISSUER, ISSUER.hashCode(), drill.pki().issuerSigner(ISSUER), drill.clock())
          .export(CODES, new PrintWriter(new StringWriter()), (i, qr) -> qrs.add(qr));
      drill.clock().set(START.plus(Duration.ofMinutes(1)));
      try (DrillGateway gateway = drill.gateway(JURISDICTION, audit)) {
        ExecutorService checkpoints = Executors.newFixedThreadPool(CHECKPOINTS);
        try {
          List<Future<Decision>> sent = new ArrayList<>();
          for (String qr : qrs) {
            sent.add(
                checkpoints.submit(
                    () ->
                        gateway.scan(
                            qr, CheckpointType.CHECKPOINT_TYPE_TRAFFIC, OptionalDouble.empty())));
          }
          for (Future<Decision> d : sent) {
            decisions.add(d.get());
          }
        } finally {
          checkpoints.shutdownNow();
        }
      }
      counts = node.signingCounts();
    }

    assertThat(decisions).hasSize(CODES);
    assertThat(decisions)
        .as("decided from the node's answers, none offline or for manual checking")
        .allSatisfy(
            d -> {
              assertThat(d.getOutcome()).isNotEqualTo(Outcome.OUTCOME_MANUAL_VERIFICATION);
              assertThat(d.getOffline()).isFalse();
              assertThat(d.hasStatusAssertedAt()).as("the node's answer was used").isTrue();
            });
    assertThat(counts.answers()).isEqualTo(CODES);
    assertThat(counts.signatures()).as("answers shared signatures").isLessThan(CODES);

    PkiDirectory pki = PkiDirectory.open(dir.resolve("drill").resolve("pki"));
    EvidenceOpener opener = EvidenceOpener.load(pki.auditorSealKeyPath());
    List<SignedAssertion> kept = new ArrayList<>();
    LogReader.forEach(audit, r -> kept.add(open(opener, r).getAssertion()));
    assertThat(kept).hasSize(CODES).allSatisfy(a -> assertThat(a.hasBatch()).isTrue());
    assertThat(kept).anySatisfy(a -> assertThat(a.getBatch().getTreeSize()).isGreaterThan(1));

    PkiVerificationKeys keys = PkiVerificationKeys.load(pki);
    EvidenceCheck check = EvidenceCheck.of(keys, Optional.of(opener));
    VerificationReport verified = LogVerifier.verify(audit, keys, check);
    assertThat(verified.ok()).as(verified.summary()).isTrue();
    assertThat(check.opened()).isEqualTo(CODES);
    DecisionReplay.Result replay =
        DecisionReplay.replay(audit, RecordInputs.opening(Optional.of(opener), Optional.of(keys)));
    assertThat(replay.ok()).as(replay.mismatches().toString()).isTrue();
    assertThat(replay.replayed()).isEqualTo(CODES);
  }

  private static healthcode.federation.v1.Evidence open(
      EvidenceOpener opener, healthcode.federation.v1.AuditRecord r) {
    try {
      return opener.open(r);
    } catch (Exception e) {
      throw new AssertionError("record " + r.getSequence() + ": " + e.getMessage(), e);
    }
  }
}
