package codefed.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.CheckpointSignatures;
import codefed.gateway.audit.LogFiles;
import codefed.gateway.audit.TestRecords;
import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor tools over several shards given as repeated --log: each shard named, then the union.
 */
class FleetAuditCommandTest {
  @TempDir static Path tmp;
  private static PkiDirectory pki;
  private static Path east;
  private static Path west;

  @BeforeAll
  static void writeShards() throws Exception {
    pki = TestPki.create(tmp.resolve("pki"), "150000", "140000");
    east = tmp.resolve("east");
    west = tmp.resolve("west");
    write(east, 0, 30);
    write(west, 100, 20);
  }

  private static void write(Path dir, int from, int count) throws Exception {
    try (AuditLog l =
        AuditLog.open(
            dir,
            AuditLogOptions.defaults("150000", CheckpointSignatures.gatewaySigner(pki, "150000"))
                .withCheckpointEvery(10, java.time.Duration.ofHours(1)))) {
      for (int i = from; i < from + count; i++) {
        l.append(TestRecords.decision(i));
      }
    }
  }

  @Test
  void verify_twoShards_namesEach_andSumsTheUnion() {
    var r =
        AuditCommandRunner.run(
            "verify",
            "--log",
            east.toString(),
            "--log",
            west.toString(),
            "--pki",
            pki.root().toString());
    assertThat(r.out())
        .isEqualTo(
            "east: OK: 30 records, 3 checkpoints\nwest: OK: 20 records, 2 checkpoints\n"
                + "OK: 2 shards, 50 records\n");
    assertThat(r.exit()).isZero();
  }

  @Test
  void verify_aTamperedShard_isNamed_theOtherStillPasses_andExitIsOne() throws Exception {
    Path bad = LogFiles.snapshot(west, tmp.resolve("tampered/west"));
    Path segment = LogFiles.lastSegment(bad);
    LogFiles.flipByte(segment, LogFiles.frameOffsets(segment).get(5) + 30);
    var r =
        AuditCommandRunner.run(
            "verify",
            "--log",
            east.toString(),
            "--log",
            bad.toString(),
            "--pki",
            pki.root().toString());
    assertThat(r.out())
        .startsWith("east: OK: 30 records")
        .contains("west: FAIL: record 5")
        .endsWith("FAIL: 1 of 2 shards: " + bad + "\n");
    assertThat(r.exit()).isEqualTo(1);
  }

  @Test
  void queryAndReport_overTwoShards_coverTheUnion() throws Exception {
    var q =
        AuditCommandRunner.run(
            "query", "--log", east.toString(), "--log", west.toString(), "--checkpoint", "cp-0");
    assertThat(q.out()).endsWith("10 records\n");
    var r =
        AuditCommandRunner.run(
            "report",
            "--log",
            east.toString(),
            "--log",
            west.toString(),
            "--html",
            tmp.resolve("r.html").toString());
    assertThat(r.out()).contains("(50 records)");
    assertThat(r.exit()).isZero();
  }

  @Test
  void theSameShardTwice_isRefused() {
    var r =
        AuditCommandRunner.run(
            "query", "--log", east.toString(), "--log", east.toString(), "--checkpoint", "cp-0");
    assertThat(r.exit()).isNotZero();
    assertThat(r.out()).doesNotContain("records");
  }
}
