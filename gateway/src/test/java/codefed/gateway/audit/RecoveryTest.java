package codefed.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.time.MutableClock;
import healthcode.federation.v1.AuditRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recovery at open: torn tails are cut, damage in the middle stops the start. */
class RecoveryTest {
  private static final KeyPair KEY = TestKeys.p256();
  private static final int RECORDS = 6;

  @TempDir Path tmp;
  private Path crashed;
  private final MutableClock clock = new MutableClock(TestRecords.T0);

  private AuditLogOptions options() {
    return AuditLogOptions.defaults("150000", TestKeys.signer(KEY)).withClock(clock);
  }

  /** A log as a crash leaves it: 6 records acknowledged, a checkpoint over the first 5 only. */
  @BeforeEach
  void crashAfterSixRecords() throws Exception {
    Path live = tmp.resolve("live");
    try (AuditLog log = AuditLog.open(live, options())) {
      for (int i = 0; i < RECORDS; i++) {
        // The last one is a short manual-verification record: the cut test tries each of its bytes.
        log.append(i < RECORDS - 1 ? TestRecords.decision(i) : TestRecords.manual(i));
        if (i == RECORDS - 2) {
          log.checkpoint();
        }
      }
      crashed = LogFiles.snapshot(live, tmp.resolve("crashed"));
    }
  }

  @Test
  void lastRecordCutAtEveryByteOffset_isTruncatedAway_andTheLogGoesOn() throws Exception {
    Path segment = LogFiles.lastSegment(crashed);
    List<Integer> frames = LogFiles.frameOffsets(segment);
    int lastStart = frames.get(RECORDS - 1);
    long fullSize = Files.size(segment);
    for (long cut = lastStart; cut < fullSize; cut++) {
      Path copy = LogFiles.snapshot(crashed, tmp.resolve("cut-" + cut));
      Path copySegment = LogFiles.lastSegment(copy);
      LogFiles.truncate(copySegment, cut);
      boolean goOn = cut == lastStart || cut == fullSize - 1 || cut % 16 == 0;
      try (AuditLog log = AuditLog.open(copy, options())) {
        assertThat(log.size()).as("cut at %d", cut).isEqualTo(RECORDS - 1);
        assertThat(Files.size(copySegment)).as("cut at %d", cut).isEqualTo(lastStart);
        if (goOn) {
          assertThat(log.append(TestRecords.decision(99))).isEqualTo(RECORDS - 1);
        }
      }
      if (goOn) {
        try (AuditLog log = AuditLog.open(copy, options())) {
          assertThat(log.size()).isEqualTo(RECORDS);
          assertThat(AuditRecord.parseFrom(log.read(RECORDS - 1)).getNote()).isEqualTo("record 99");
        }
      }
    }
  }

  @Test
  void badCrcOnTheLastFrame_withNothingAfter_isATornTail() throws Exception {
    Path segment = LogFiles.lastSegment(crashed);
    int last = LogFiles.frameOffsets(segment).get(RECORDS - 1);
    LogFiles.flipByte(segment, last + Frames.HEADER_BYTES + 3);
    try (AuditLog log = AuditLog.open(crashed, options())) {
      assertThat(log.size()).isEqualTo(RECORDS - 1);
      assertThat(Files.size(segment)).isEqualTo(last);
    }
  }

  @Test
  void zeroFilledTail_isATornTail() throws Exception {
    Path segment = LogFiles.lastSegment(crashed);
    long size = Files.size(segment);
    Files.write(segment, new byte[300], java.nio.file.StandardOpenOption.APPEND);
    try (AuditLog log = AuditLog.open(crashed, options())) {
      assertThat(log.size()).isEqualTo(RECORDS);
      assertThat(Files.size(segment)).isEqualTo(size);
    }
  }

  @Test
  void damageFollowedByValidFrames_stopsTheStart_namingSegmentAndOffset() throws Exception {
    Path segment = LogFiles.lastSegment(crashed);
    int third = LogFiles.frameOffsets(segment).get(2);
    LogFiles.flipByte(segment, third + Frames.HEADER_BYTES + 5);
    long sizeBefore = Files.size(segment);
    assertThatThrownBy(() -> AuditLog.open(crashed, options()))
        .isInstanceOf(LogCorruptedException.class)
        .hasMessageContaining(segment.getFileName().toString())
        .hasMessageContaining("at byte " + third)
        .hasMessageContaining("bad CRC32C")
        .satisfies(e -> assertThat(((LogCorruptedException) e).offset()).isEqualTo(third));
    assertThat(Files.size(segment)).as("nothing truncated").isEqualTo(sizeBefore);
  }

  @Test
  void damagedLengthField_inTheMiddle_stopsTheStart() throws Exception {
    Path segment = LogFiles.lastSegment(crashed);
    int second = LogFiles.frameOffsets(segment).get(1);
    LogFiles.flipByte(segment, second + 1);
    assertThatThrownBy(() -> AuditLog.open(crashed, options()))
        .isInstanceOf(LogCorruptedException.class)
        .hasMessageContaining("at byte " + second);
  }

  @Test
  void checkpointBeyondTheRecordsOnDisk_stopsTheStart() throws Exception {
    Path segment = LogFiles.lastSegment(crashed);
    int fifth = LogFiles.frameOffsets(segment).get(4);
    LogFiles.truncate(segment, fifth + 3); // the checkpoint covers record 4
    assertThatThrownBy(() -> AuditLog.open(crashed, options()))
        .isInstanceOf(LogCorruptedException.class)
        .hasMessageContaining("latest checkpoint covers 5 records but the log holds 4");
  }

  @Test
  void damageInASealedSegment_stopsTheStart() throws Exception {
    Path live = tmp.resolve("segmented");
    try (AuditLog log = AuditLog.open(live, options().withSegmentBytes(4096))) {
      for (int i = 0; i < 60; i++) {
        log.append(TestRecords.decision(i));
      }
    }
    Path first = LogFiles.segments(live).get(0);
    long lastFrame = LogFiles.frameOffsets(first).get(LogFiles.frameOffsets(first).size() - 1);
    LogFiles.flipByte(first, lastFrame + Frames.HEADER_BYTES + 2);
    assertThatThrownBy(() -> AuditLog.open(live, options().withSegmentBytes(4096)))
        .isInstanceOf(LogCorruptedException.class)
        .hasMessageContaining(first.getFileName() + " at byte " + lastFrame)
        .hasMessageContaining("sealed segment");
  }
}
