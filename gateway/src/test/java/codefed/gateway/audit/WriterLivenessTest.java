package codefed.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.testing.Poll;
import codefed.time.MutableClock;
import healthcode.federation.v1.AuditRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hung or failing disk: appends give up within the bound and the writer's state says why. */
class WriterLivenessTest {
  private static final KeyPair KEY = TestKeys.p256();
  private static final Duration BOUND = Duration.ofMillis(200);

  @TempDir Path dir;

  private static AuditLogOptions options() {
    return AuditLogOptions.defaults("150000", TestKeys.signer(KEY))
        .withClock(new MutableClock(TestRecords.T0))
        .withCheckpointEvery(1000, Duration.ofHours(1))
        .withDurabilityTimeout(BOUND);
  }

  @Test
  void append_fsyncHangs_unavailableWithinTheBound_stuckUntilTheDiskMoves() throws Exception {
    FaultyDisk disk = new FaultyDisk();
    try (AuditLog log = disk.open(dir, options())) {
      assertThat(log.append(TestRecords.decision(0))).isZero();
      List<WriterState> seen = new CopyOnWriteArrayList<>();
      log.watchWriter((state, failure) -> seen.add(state));
      disk.holdSyncs();

      long start = System.nanoTime();
      assertThatThrownBy(() -> log.append(TestRecords.decision(1)))
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("not durable within PT0.2S");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(BOUND)
          .isLessThan(Duration.ofSeconds(5));
      Poll.until(
          "writer STUCK", Duration.ofSeconds(5), () -> log.writerState() == WriterState.STUCK);
      // While stuck, appends are refused at once instead of queueing behind the hung fsync.
      assertThatThrownBy(() -> log.append(TestRecords.decision(2)))
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("writer stuck");
      assertThat(log.appendAsync(TestRecords.decision(3)).toCompletableFuture())
          .failsWithin(Duration.ofSeconds(5))
          .withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(AuditUnavailableException.class);
      assertThat(log.size()).as("nothing acknowledged while the disk hangs").isEqualTo(1);

      disk.releaseSyncs();
      Poll.until(
          "writer UP again", Duration.ofSeconds(5), () -> log.writerState() == WriterState.UP);
      // The record whose caller got UNAVAILABLE after the bound became durable after all: it
      // exists, without a receipt ever given for it. The refused ones were never queued.
      assertThat(log.size()).isEqualTo(2);
      assertThat(AuditRecord.parseFrom(log.read(1)).getNote())
          .isEqualTo(TestRecords.decision(1).getNote());
      // The listener is told right after the state changes, on the watch's thread.
      Poll.until("listener told UP again", Duration.ofSeconds(5), () -> seen.size() >= 3);
      assertThat(seen).containsExactly(WriterState.UP, WriterState.STUCK, WriterState.UP);
      assertThat(log.append(TestRecords.decision(4))).isEqualTo(2);
    }
  }

  @Test
  void append_fsyncFails_writerFailedForGood_andTheRecordIsNotInTheLog() throws Exception {
    FaultyDisk disk = new FaultyDisk();
    try (AuditLog log = disk.open(dir, options())) {
      log.append(TestRecords.decision(0));
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      log.watchWriter(
          (state, failure) -> {
            if (state == WriterState.FAILED) {
              failures.add(failure);
            }
          });
      disk.failSyncs();

      assertThatThrownBy(() -> log.append(TestRecords.decision(1)))
          .isInstanceOf(AuditUnavailableException.class)
          .hasRootCauseInstanceOf(IOException.class);
      Poll.until(
          "writer FAILED", Duration.ofSeconds(5), () -> log.writerState() == WriterState.FAILED);
      assertThat(failures).singleElement().isInstanceOf(IOException.class);
      assertThatThrownBy(() -> log.append(TestRecords.decision(2)))
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessageContaining("failed earlier");
      assertThat(log.size()).as("no record after the failed fsync").isEqualTo(1);
      assertThat(log.writerState())
          .as("fail-stop: only a restart recovers")
          .isEqualTo(WriterState.FAILED);
    }
  }
}
