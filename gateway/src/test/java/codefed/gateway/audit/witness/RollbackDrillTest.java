package codefed.gateway.audit.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.audit.LogFiles;
import codefed.gateway.cli.AuditCommand;
import codefed.gateway.server.GatewayStartException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Rollback drills on a real log written by a real gateway and cosigned by a witness over mTLS: 14
 * records and a checkpoint (witnessed), then 6 more with checkpoints at 17 and 20 (witnessed). Each
 * drill damages a copy the way an operator with write access could, then restarts the gateway on it
 * and runs {@code audit verify --witness}.
 */
class RollbackDrillTest {
  @TempDir static Path root;
  static WitnessedGateway fixture;
  static Path older;
  static Path full;

  @BeforeAll
  static void writeHistory() throws Exception {
    fixture = new WitnessedGateway(root);
    Path audit = root.resolve("audit");
    fixture.start(audit, true);
    fixture.scan(14, 35.0);
    fixture.checkpoint();
    assertThat(fixture.witness().result()).isEqualTo(Witness.Result.ACCEPTED);
    fixture.stop();
    older = LogFiles.snapshot(audit, root.resolve("older"));

    fixture.start(audit, true);
    fixture.scan(3, 35.5);
    fixture.checkpoint();
    fixture.scan(3, 35.8);
    fixture.checkpoint();
    Witness.Observation o = fixture.witness();
    assertThat(o.result()).isEqualTo(Witness.Result.ACCEPTED);
    assertThat(o.treeSize()).isEqualTo(20);
    fixture.stop();
    full = LogFiles.snapshot(audit, root.resolve("full"));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  static Path copy(Path from, String name) throws IOException {
    return LogFiles.snapshot(from, root.resolve(name));
  }

  record Run(int exit, String out) {}

  static Run verify(Path log, String... extra) {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new AuditCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(out));
    List<String> args =
        new ArrayList<>(
            List.of("verify", "--log", log.toString(), "--pki", fixture.pki.root().toString()));
    args.addAll(List.of(extra));
    int exit = cmd.execute(args.toArray(String[]::new));
    return new Run(exit, out.toString());
  }

  static Run verifyWithWitness(Path log) {
    return verify(log, "--witness", fixture.witnessDir.toString());
  }

  /** Every file's size: what a refused start must leave as it was. */
  static List<String> listing(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals("lock"))
          .sorted(Comparator.naturalOrder())
          .map(p -> dir.relativize(p) + ":" + p.toFile().length())
          .toList();
    }
  }

  void assertRestartRefused(Path log, String... expected) throws IOException {
    List<String> before = listing(log);
    assertThatThrownBy(() -> fixture.start(log, true))
        .satisfies(
            e -> assertThat(e).isInstanceOfAny(GatewayStartException.class, IOException.class))
        .message()
        .contains(expected);
    fixture.stop();
    assertThat(listing(log)).as("a refused start changes nothing").isEqualTo(before);
  }

  @Test
  void intactLog_restartsAndVerifiesAgainstTheWitness() throws Exception {
    Path log = copy(full, "intact");

    Run r = verifyWithWitness(log);
    fixture.start(log, true);
    fixture.stop();

    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out())
        .contains("OK: 20 records, 3 checkpoints")
        .contains("witness: extends the tree of size 20 cosigned by spiffe://");
  }

  @Test
  void deleteTailAfterPreviousCheckpoint_restartRefusedAndVerifyNamesRollback() throws Exception {
    Path log = copy(full, "tail");
    Path segment = LogFiles.lastSegment(log);
    LogFiles.truncate(segment, LogFiles.frameOffsets(segment).get(17));

    assertRestartRefused(log, "latest checkpoint covers 20 records but the log holds 17");
    Run r = verifyWithWitness(log);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("FAIL: rollback: log " + log + " has 17 records but witness spiffe://")
        .contains("cosigned tree size 20 of gateway 150000")
        .contains("3 witnessed records missing");
  }

  @Test
  void cutCheckpointsAndRecords_verifiesAloneButRestartAndWitnessVerifyNameTheRollback()
      throws Exception {
    Path log = copy(full, "cut");
    Path segment = LogFiles.lastSegment(log);
    LogFiles.truncate(segment, LogFiles.frameOffsets(segment).get(14));
    Path checkpoints = log.resolve("checkpoints.log");
    LogFiles.truncate(checkpoints, LogFiles.frameOffsets(checkpoints).get(1));

    Run alone = verify(log);
    assertThat(alone.exit()).as("without a witness the cut is invisible: " + alone.out()).isZero();
    assertRestartRefused(
        log,
        "rollback: audit log " + log + " has 14 records but witness spiffe://",
        "cosigned tree size 20 of gateway 150000",
        "refusing to serve");
    Run r = verifyWithWitness(log);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("OK: 14 records, 1 checkpoints")
        .contains("FAIL: rollback: log " + log + " has 14 records but witness");
  }

  @Test
  void deleteDirectory_restartRefusedWithoutCreatingALog_verifyNamesRollback() throws Exception {
    Path log = root.resolve("deleted");

    assertRestartRefused(
        log,
        "rollback: audit directory " + log + " (missing or empty) has 0 records",
        "cosigned tree size 20",
        "refusing to start a new log");
    assertThat(log).doesNotExist();
    Run r = verify(log, "--witness", fixture.witnessDir.toString(), "--gateway", "150000");

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("FAIL: rollback: log " + log + " (missing) has 0 records but witness");
  }

  @Test
  void restoreOlderCopy_restartRefusedAndVerifyNamesRollback() throws Exception {
    Path log = copy(older, "restored");

    assertRestartRefused(log, "has 14 records but witness", "cosigned tree size 20");
    Run r = verifyWithWitness(log);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("OK: 14 records, 1 checkpoints")
        .contains("FAIL: rollback:")
        .contains("6 witnessed records missing");
  }

  @Test
  void olderCopyThatRanOn_forkOfEqualLength_restartRefusedAsInconsistent() throws Exception {
    Path log = copy(older, "forked");
    fixture.start(log, false); // an operator starts it without the witness check
    fixture.scan(6, 36.5);
    fixture.stop();

    assertRestartRefused(
        log,
        "rollback: the first 20 records of audit log " + log,
        "do not match the tree witness spiffe://",
        "(history rewritten or forked)");
    Run r = verifyWithWitness(log);

    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains("OK: 20 records, 2 checkpoints")
        .contains("FAIL: rollback: the first 20 records");
  }
}
