package codefed.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.time.MutableClock;
import healthcode.federation.v1.AuditRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Power loss, not only kill -9: a kill leaves the page cache to the kernel, which writes it out
 * anyway, so only a lost power supply shows whether the log fsyncs what it acknowledges (file data
 * and the names of new segment files). Each round appends from four threads (group commit) on a
 * {@link PowerCutDisk}, cuts the power at a random change, keeps only what survived (the unsynced
 * tail dropped or torn at a random byte), and recovers from it; the next round goes on from the
 * recovered log. Seed: {@code -Dcodefed.powercut.seed}, logged.
 */
class PowerCutTest {
  private static final Logger LOG = Logger.getLogger(PowerCutTest.class.getName());
  private static final int ROUNDS = 100;
  private static final int THREADS = 4;
  private static final int APPENDS_PER_THREAD = 40;
  private static final KeyPair KEY = TestKeys.p256();

  @TempDir Path dir;

  private static AuditLogOptions options() {
    return AuditLogOptions.defaults("150000", TestKeys.signer(KEY))
        .withClock(new MutableClock(TestRecords.T0))
        .withCheckpointEvery(16, Duration.ofHours(1))
        .withSegmentBytes(4096);
  }

  @Test
  void powerCuts_underGroupCommit_loseNoAcknowledgedRecordAndReuseNoReceipt() throws Exception {
    long seed = Long.getLong("codefed.powercut.seed", 20200320L);
    LOG.info("power-cut seed " + seed + " (rerun with -Dcodefed.powercut.seed=" + seed + ")");
    Random random = new Random(seed);
    Map<Long, String> acknowledged = new ConcurrentHashMap<>();
    Map<Path, byte[]> disk = Map.of();
    int lostChanges = 0;
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        PowerCutDisk storage = new PowerCutDisk(disk, random, random.nextBoolean());
        AuditLog log = AuditLog.open(dir, options(), storage);
        checkAcknowledged(log, acknowledged, seed, round);
        storage.cutAfter(1 + random.nextInt(60));
        int r = round;
        List<Future<?>> appenders = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int thread = t;
          appenders.add(pool.submit(() -> append(log, acknowledged, r, thread)));
        }
        for (Future<?> f : appenders) {
          f.get();
        }
        Map<Path, byte[]> survived = storage.cutNow();
        log.close();
        if (!survived.keySet().containsAll(disk.keySet())) {
          throw new AssertionError("a durable file vanished; seed " + seed + ", round " + round);
        }
        disk = survived;
        assertThat(verify(disk).problem()).as("seed %d, round %d", seed, round).isEmpty();
        lostChanges += storage.lost();
      }
      // Finally the real file system opens what the last cut left, with every receipt in place.
      try (AuditLog log = AuditLog.open(dir, options())) {
        checkAcknowledged(log, acknowledged, seed, ROUNDS);
        assertThat(log.size()).isGreaterThanOrEqualTo(acknowledged.size());
      }
      assertThat(
              LogVerifier.verify(dir, TestIssuers.keys("150000", KEY.getPublic(), Map.of())).ok())
          .isTrue();
    } finally {
      pool.shutdownNow();
    }
    LOG.info(
        ROUNDS
            + " cuts, "
            + acknowledged.size()
            + " records acknowledged, "
            + lostChanges
            + " unsynced changes lost");
    assertThat(lostChanges).as("the cuts threw unsynced changes away").isPositive();
    assertThat(acknowledged).as("the load acknowledged records").hasSizeGreaterThan(ROUNDS);
  }

  /** Appends until the power is cut (or its share is done); remembers each receipt. */
  private static Void append(AuditLog log, Map<Long, String> acknowledged, int round, int thread) {
    for (int i = 0; i < APPENDS_PER_THREAD; i++) {
      String decision = "round " + round + " thread " + thread + " scan " + i;
      long sequence;
      try {
        sequence = log.append(TestRecords.decision(i).toBuilder().setNote(decision).build());
      } catch (AuditUnavailableException e) {
        return null; // the power is off: not acknowledged, the caller gets no decision
      }
      String earlier = acknowledged.putIfAbsent(sequence, decision);
      if (earlier != null) {
        throw new AssertionError(
            "receipt " + sequence + " reused: \"" + earlier + "\" then \"" + decision + "\"");
      }
    }
    return null;
  }

  /** Every acknowledged receipt still names its own decision. */
  private static void checkAcknowledged(
      AuditLog log, Map<Long, String> acknowledged, long seed, int round) throws Exception {
    for (Map.Entry<Long, String> e : acknowledged.entrySet()) {
      long sequence = e.getKey();
      assertThat(sequence)
          .as("acknowledged record %d lost; seed %d, round %d", sequence, seed, round)
          .isLessThan(log.size());
      AuditRecord stored = AuditRecord.parseFrom(log.read(sequence));
      assertThat(stored.getNote())
          .as("record %d; seed %d, round %d", sequence, seed, round)
          .isEqualTo(e.getValue());
    }
  }

  /** What survived, written to the real directory and checked as an auditor would. */
  private VerificationReport verify(Map<Path, byte[]> survived) throws IOException {
    try (Stream<Path> old = Files.list(dir)) {
      for (Path p :
          old.filter(p -> Segment.isSegmentFile(p) || p.endsWith(CheckpointStore.FILE_NAME))
              .toList()) {
        Files.delete(p);
      }
    }
    for (Map.Entry<Path, byte[]> e : survived.entrySet()) {
      Files.write(e.getKey(), e.getValue());
    }
    return LogVerifier.verify(dir, TestIssuers.keys("150000", KEY.getPublic(), Map.of()));
  }
}
