package codefed.bench.audit;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.bench.cli.BenchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code codefed bench audit-verify} on a small log, for correctness only: every step verifies and
 * replays what was written, and the incremental step checks only the added 10 %. No timing is
 * asserted.
 */
class AuditVerifyBenchTest {

  @Test
  void aSmallRun_verifiesFullyThenIncrementally_andReplaysWithoutMismatch(@TempDir Path dir) {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new BenchCommand());
    cmd.setOut(new PrintWriter(out));
    int exit =
        cmd.execute(
            "audit-verify", "--records", "600", "--dir", dir.toString(), "--gateway-peak", "10000");
    String text = out.toString();
    assertThat(exit).as(text).isZero();
    assertThat(text)
        .containsPattern("audit append +600 records")
        .containsPattern("verify \\(full\\) +600 records .* OK: 600 records")
        .containsPattern("verify \\(full, again\\) +600 records .* OK: 600 records")
        .containsPattern("verify \\(no auditor key\\) +600 records .* OK: 600 records")
        .containsPattern(
            "verify \\(incremental\\) +60 records .* OK: 660 records, \\d+ checkpoints, checked 60 new")
        .containsPattern("replay +660 records .* 0 mismatches \\(clear status\\)")
        .containsPattern("replay \\(auditor key\\) +660 records .* 0 mismatches")
        .contains("gateway peak 10000 records/s");
    assertThat(dir.resolve("audit/150000")).isDirectory();
    assertThat(Files.exists(dir.resolve("pki/sealing/auditors.key"))).isTrue();
  }

  private static java.util.List<healthcode.federation.v1.AuditRecord> unsealed(Path log)
      throws Exception {
    return codefed.gateway.audit.LogReader.readAll(log).stream()
        .map(r -> r.toBuilder().clearSealedEvidence().build())
        .toList();
  }

  @Test
  void theSameNumbers_giveTheSameDecisions() throws Exception {
    Path a = Files.createTempDirectory("gen-a");
    GatewayLikeLog gen = GatewayLikeLog.create(a.resolve("pki"), 0.9, 50);
    gen.append(a.resolve("x"), 0, 40);
    gen.append(a.resolve("y"), 0, 40);
    // Sealing draws a fresh ephemeral key each time; everything else is the same decision.
    assertThat(unsealed(a.resolve("x"))).isEqualTo(unsealed(a.resolve("y")));
    assertThat(unsealed(a.resolve("x"))).hasSize(40);
  }
}
