package codefed.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.pki.TestPki;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verifying from a checkpoint verified earlier: only the new records are checked, and a log that no
 * longer extends that checkpoint (rewritten below it, or cut back) fails by name.
 */
class IncrementalVerifyTest {
  private static final int OLD = 600;
  private static final int NEW = 200;
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);
  private static final String NOT_EXTENDING =
      "shard 150000: log no longer extends the verified checkpoint at size " + OLD;

  @TempDir static Path tmp;
  private static SealedLogs logs;

  /** What a first run verified: the checkpoint at size OLD. */
  private static LogVerifier.VerifiedPoint verified;

  @BeforeAll
  static void firstRun() throws Exception {
    logs = new SealedLogs(TestPki.create(tmp.resolve("pki"), "150000", "140000"));
    Path first = tmp.resolve("first");
    logs.write(first, 0, OLD);
    LogVerifier.Outcome o = run(first, Optional.empty());
    assertThat(o.report().ok()).isTrue();
    verified = o.newest().orElseThrow();
    assertThat(verified.size()).isEqualTo(OLD);
    assertThat(verified.gateway()).isEqualTo("150000");
  }

  @AfterAll
  static void stop() {
    POOL.shutdownNow();
  }

  private static LogVerifier.Outcome run(Path dir, Optional<LogVerifier.VerifiedPoint> from)
      throws Exception {
    return LogVerifier.run(
        dir, logs.keys(dir), logs.check(dir), new LogVerifier.Options(POOL, from));
  }

  @Test
  void aGrownLog_isAccepted_checkingOnlyTheNewRecords() throws Exception {
    Path dir = LogFiles.snapshot(tmp.resolve("first"), tmp.resolve("grown"));
    logs.write(dir, OLD, NEW);
    LogVerifier.Outcome o = run(dir, Optional.of(verified));
    assertThat(o.report().summary())
        .isEqualTo(
            LogVerifier.run(dir, logs.keys(dir), logs.check(dir), LogVerifier.Options.SEQUENTIAL)
                .report()
                .summary());
    assertThat(o.report().ok()).isTrue();
    assertThat(o.checked()).isEqualTo(NEW);
    assertThat(o.report().records()).isEqualTo(OLD + NEW);
    assertThat(o.newest().orElseThrow().size()).isEqualTo(OLD + NEW);
  }

  @Test
  void aRewrittenOldRecord_underFreshlySignedCheckpoints_failsByName() throws Exception {
    Path dir = tmp.resolve("rewritten");
    // The gateway's key re-signs every checkpoint over a log whose record 10 was changed.
    logs.write(
        dir,
        0,
        OLD,
        r ->
            r.getTime().getSeconds() == TestRecords.T0.getEpochSecond() + 70
                ? r.toBuilder().setTemperatureCelsius(35.0).build()
                : r);
    logs.write(dir, OLD, NEW);
    LogVerifier.Outcome o = run(dir, Optional.of(verified));
    assertThat(o.report().problem().orElseThrow().reason())
        .startsWith(NOT_EXTENDING)
        .contains("a record below " + OLD + " was rewritten");
    assertThat(o.checked()).isEqualTo(NEW); // the old records were not re-checked one by one
    assertThat(o.verified()).isEmpty(); // nothing to remember from this run
    // a full verify of the same log passes: only the earlier run's memory tells the rewrite
    assertThat(run(dir, Optional.empty()).report().ok()).isTrue();
  }

  @Test
  void aTruncatedLog_belowTheVerifiedSize_failsByName() throws Exception {
    Path dir = tmp.resolve("truncated");
    logs.write(dir, 0, 400); // the same first 400 records, freshly checkpointed: a rollback
    LogVerifier.Outcome o = run(dir, Optional.of(verified));
    assertThat(o.report().problem().orElseThrow().reason())
        .isEqualTo(NOT_EXTENDING + ": the log holds only 400 records (truncated or rolled back)");
    assertThat(o.verified()).isEmpty();
  }

  @Test
  void noNewRecords_checksNothing_andKeepsThePoint() throws Exception {
    LogVerifier.Outcome o = run(tmp.resolve("first"), Optional.of(verified));
    assertThat(o.report().ok()).isTrue();
    assertThat(o.checked()).isZero();
    assertThat(o.newest().orElseThrow().root()).isEqualTo(verified.root());
  }
}
