package codefed.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.audit.LogFiles;
import codefed.gateway.audit.SealedLogs;
import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit verify --state}: a stored checkpoint per shard, only new records checked, rollbacks
 * named.
 */
class IncrementalAuditCommandTest {
  @TempDir static Path tmp;
  private static PkiDirectory pki;
  private static SealedLogs logs;

  @BeforeAll
  static void setUp() {
    pki = TestPki.create(tmp.resolve("pki"), "150000", "140000");
    logs = new SealedLogs(pki);
  }

  private static AuditCommandRunner.Run verify(Path log, Path state, String... more) {
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "verify",
                "--log",
                log.toString(),
                "--pki",
                pki.root().toString(),
                "--state",
                state.toString()));
    args.addAll(java.util.List.of(more));
    return AuditCommandRunner.run(args.toArray(String[]::new));
  }

  @Test
  void aSecondRun_checksOnlyTheNewRecords_andAnOlderLogIsRefusedWithoutTouchingTheState()
      throws Exception {
    Path log = tmp.resolve("audit/150000");
    Path state = tmp.resolve("auditor/verified.json");
    logs.write(log, 0, 150);

    AuditCommandRunner.Run first = verify(log, state);
    assertThat(first.out())
        .startsWith("OK: 150 records, 2 checkpoints\n")
        .contains(
            "  state: none stored for this shard, checked all 150 records; now verified up to the checkpoint at size 150 of gateway 150000\n");
    assertThat(first.exit()).isZero();
    assertThat(Files.getPosixFilePermissions(state))
        .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    String stored = Files.readString(state);
    assertThat(stored)
        .contains("\"format\": \"codefed-audit-verified/1\"")
        .contains("\"treeSize\": \"150\"")
        .doesNotContain("code-")
        .doesNotContain("140000");

    logs.write(log, 150, 40);
    AuditCommandRunner.Run second = verify(log, state);
    assertThat(second.out())
        .startsWith("OK: 190 records, ")
        .contains(
            "  incremental: checked 40 records after the verified checkpoint at size 150; now verified up to the checkpoint at size 190");
    assertThat(second.exit()).isZero();
    String grown = Files.readString(state);
    assertThat(grown).contains("\"treeSize\": \"190\"");

    Path older = tmp.resolve("older/150000");
    logs.write(older, 0, 120); // the same records, cut back and re-signed
    AuditCommandRunner.Run rollback = verify(older, state);
    assertThat(rollback.out())
        .startsWith(
            "FAIL: shard 150000: log no longer extends the verified checkpoint at size 190: "
                + "the log holds only 120 records (truncated or rolled back)\n")
        .contains("state not updated");
    assertThat(rollback.exit()).isEqualTo(1);
    assertThat(Files.readString(state)).isEqualTo(grown);
    assertThat(tmp.resolve("auditor")).isDirectoryNotContaining("glob:**.tmp");
  }

  @Test
  void withoutState_theOutputIsAsBefore_andParallelEqualsOneThread() throws Exception {
    Path fleet = tmp.resolve("fleet");
    logs.write(fleet.resolve("a"), 0, 120);
    logs.write(fleet.resolve("b"), 0, 90);
    logs.write(fleet.resolve("c"), 0, 60);
    Path segment = LogFiles.lastSegment(fleet.resolve("b"));
    LogFiles.flipByte(segment, LogFiles.frameOffsets(segment).get(33) + 30);
    AuditCommandRunner.Run parallel =
        AuditCommandRunner.run("verify", "--log", fleet.toString(), "--pki", pki.root().toString());
    AuditCommandRunner.Run single =
        AuditCommandRunner.run(
            "verify", "--log", fleet.toString(), "--pki", pki.root().toString(), "--threads", "1");
    assertThat(parallel.out())
        .startsWith("a: OK: 120 records, 2 checkpoints\n")
        .contains("\nb: FAIL: record 33 (" + segment.getFileName() + " at byte ")
        .contains("\nc: OK: 60 records, 1 checkpoints\n")
        .endsWith("FAIL: 1 of 3 shards: " + fleet.resolve("b") + "\n")
        .doesNotContain("state");
    assertThat(parallel.out()).isEqualTo(single.out());
    assertThat(parallel.exit()).isEqualTo(1);
  }
}
