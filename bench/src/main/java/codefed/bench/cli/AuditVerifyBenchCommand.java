package codefed.bench.cli;

import codefed.bench.audit.AuditVerifyBench;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code codefed bench audit-verify}: can one auditor machine keep up with a busy gateway's log?
 */
@Command(
    name = "audit-verify",
    mixinStandardHelpOptions = true,
    description = {
      "Writes a gateway-like audit log of N decisions through the audit log's own append path (hot scans "
          + "carrying cached, already-signed node answers and cold scans with fresh ones, each answer sealed to the "
          + "auditors' key), then measures 'audit verify' over the whole log with and without the auditors' key, an "
          + "incremental verify after appending 10 %% more, and 'audit replay' (clear status and opened answers).",
      "Prints records/s, µs per record and the ratio to a gateway's peak write rate."
    })
public final class AuditVerifyBenchCommand implements Callable<Integer> {
  @Option(
      names = "--records",
      defaultValue = "300000",
      description =
          "decisions in the log before the incremental step (default: ${DEFAULT-VALUE}: about"
              + " 30 s of a gateway's peak, enough for the JIT to finish compiling the verifier"
              + " during the first pass)")
  int records;

  @Option(
      names = "--gateway-peak",
      defaultValue = "10000",
      description =
          "a gateway's peak write rate in records/s, for the ratio (default: ${DEFAULT-VALUE}, "
              + "one 2-core gateway answering hot scans)")
  double gatewayPeak;

  @Option(
      names = "--hot",
      defaultValue = "0.9",
      description = "share of scans answered from the gateway's cache (default: ${DEFAULT-VALUE})")
  double hot;

  @Option(
      names = "--threads",
      description = "verification threads (default: the available processors)")
  Integer threads;

  @Option(
      names = "--dir",
      description = "keep the PKI and the log here (default: a temporary directory, deleted)")
  Path dir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (records < 10) {
      throw new IllegalArgumentException("--records: " + records + " (expected: >= 10)");
    }
    if (gatewayPeak <= 0) {
      throw new IllegalArgumentException("--gateway-peak: " + gatewayPeak + " (expected: > 0)");
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean temporary = dir == null;
    Path work =
        temporary
            ? Files.createTempDirectory("codefed-audit-verify-")
            : Files.createDirectories(dir);
    try {
      int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
      AuditVerifyBench.Result r = new AuditVerifyBench(work, records, hot, t).run();
      for (String line : r.lines(gatewayPeak)) {
        out.println(line);
      }
      out.flush();
      return r.ok() ? 0 : 1;
    } finally {
      if (temporary) {
        deleteTree(work);
      }
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
