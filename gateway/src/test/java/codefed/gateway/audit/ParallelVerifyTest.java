package codefed.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.pki.TestPki;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.SignedAssertion;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records checked in parallel chunks give the very verdict, first failure and notes of the
 * sequential check, wherever the bad record lies in its chunk; a node answer verified once is not
 * trusted for different signature bytes.
 */
class ParallelVerifyTest {
  private static final int RECORDS = 3 * RecordChunks.CHUNK + 100;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(4);

  @TempDir static Path tmp;
  private static SealedLogs logs;

  @BeforeAll
  static void pki() {
    logs = new SealedLogs(TestPki.create(tmp.resolve("pki"), "150000", "140000"));
  }

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  /** Record i's answer with one signature byte flipped: same signed bytes, another signature. */
  private static UnaryOperator<AuditRecord> badSignatureAt(Set<Integer> sequences) {
    return r -> {
      int i = (int) (r.getTime().getSeconds() - TestRecords.T0.getEpochSecond()) / 7;
      if (!sequences.contains(i)) {
        return r;
      }
      SignedAssertion good = logs.answer(i % 7);
      byte[] sig = good.getSignature().toByteArray();
      sig[sig.length - 1] ^= 1;
      return SealedLogs.sealed(i, good.toBuilder().setSignature(ByteString.copyFrom(sig)).build());
    };
  }

  private VerificationReport sequential(Path dir) throws Exception {
    return LogVerifier.run(dir, logs.keys(dir), logs.check(dir), LogVerifier.Options.SEQUENTIAL)
        .report();
  }

  private LogVerifier.Outcome parallel(Path dir) throws Exception {
    return LogVerifier.run(
        dir, logs.keys(dir), logs.check(dir), new LogVerifier.Options(POOL, Optional.empty()));
  }

  @Test
  void aCleanLog_verifiesAlike_everyRecordChecked() throws Exception {
    Path dir = tmp.resolve("clean");
    logs.write(dir, 0, RECORDS);
    VerificationReport seq = sequential(dir);
    LogVerifier.Outcome par = parallel(dir);
    assertThat(seq.ok()).isTrue();
    assertThat(par.report()).isEqualTo(seq);
    assertThat(par.checked()).isEqualTo(RECORDS);
    assertThat(par.newest().orElseThrow().size()).isEqualTo(RECORDS);
  }

  @Test
  void aBadRecordInTheMiddleOfAChunk_sameFirstFailureAndNotes() throws Exception {
    Path dir = tmp.resolve("middle");
    // two bad records in different chunks: the first by sequence is reported
    logs.write(
        dir,
        0,
        RECORDS,
        badSignatureAt(Set.of(RecordChunks.CHUNK + 200, 2 * RecordChunks.CHUNK + 7)));
    VerificationReport seq = sequential(dir);
    VerificationReport par = parallel(dir).report();
    assertThat(seq.problem()).isPresent();
    assertThat(seq.problem().get().sequence()).isEqualTo(RecordChunks.CHUNK + 200);
    assertThat(seq.problem().get().reason()).startsWith("node assertion: BAD_SIGNATURE");
    assertThat(par).isEqualTo(seq);
    assertThat(par.summary()).isEqualTo(seq.summary());
    assertThat(par.warnings()).isEqualTo(seq.warnings());
  }

  @Test
  void badRecordsAtAChunkBoundary_sameFirstFailure() throws Exception {
    for (int victim : new int[] {RecordChunks.CHUNK - 1, RecordChunks.CHUNK}) {
      Path dir = tmp.resolve("boundary-" + victim);
      logs.write(dir, 0, RECORDS, badSignatureAt(Set.of(victim, victim + 1)));
      VerificationReport seq = sequential(dir);
      LogVerifier.Outcome par = parallel(dir);
      assertThat(seq.problem().orElseThrow().sequence()).isEqualTo(victim);
      assertThat(par.report()).isEqualTo(seq);
      assertThat(par.newest()).isEmpty(); // nothing of a failed log is offered as verified
    }
  }

  @Test
  void aMemoizedAnswer_doesNotPassForOtherSignatureBytes() throws Exception {
    Path dir = tmp.resolve("memo");
    int victim =
        300; // 300 % 7 == 6: its answer was verified many times before (records 6, 13, 27...)
    logs.write(dir, 0, 400, badSignatureAt(Set.of(victim)));
    for (VerificationReport r :
        new VerificationReport[] {sequential(dir), parallel(dir).report()}) {
      assertThat(r.problem().orElseThrow().sequence()).isEqualTo(victim);
      assertThat(r.problem().get().reason()).startsWith("node assertion: BAD_SIGNATURE");
    }
  }
}
