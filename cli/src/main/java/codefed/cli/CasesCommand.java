package codefed.cli;

import codefed.cli.cases.CaseResult;
import codefed.cli.cases.CaseRunner;
import codefed.gateway.cases.CaseFile;
import codefed.gateway.cases.RecognitionCase;
import codefed.gateway.recognition.EnumNames;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codefed cases FILE.csv}: acceptance cases end to end. */
@Command(
    name = "cases",
    mixinStandardHelpOptions = true,
    description = {
      "Run acceptance cases (CSV) end to end against real nodes and gateways.",
      "Makes a PKI, starts one node per issuer and the gateway of each jurisdiction over mTLS on "
          + "loopback with a controllable clock, scans one fresh code per row, prints one line per case, "
          + "then 'N passed, N failed'. Exit code 1 on any mismatch."
    })
public final class CasesCommand implements Callable<Integer> {
  @Parameters(index = "0", description = "Case file (see README, 'Acceptance cases').")
  Path file;

  @Option(
      names = "--dir",
      description =
          "Keep the PKI (DIR/pki) and audit logs (DIR/audit/<jurisdiction>) here; default: a temporary directory, removed afterwards.")
  Path dir;

  @Override
  public Integer call() throws Exception {
    List<RecognitionCase> cases = CaseFile.read(file);
    DrillLogging.quiet();
    List<CaseResult> results;
    try (TempDirs work = TempDirs.of(dir, "codefed-cases-")) {
      results = CaseRunner.run(cases, work.dir(), CasesCommand::print);
    }
    long passed = results.stream().filter(CaseResult::passed).count();
    System.out.println();
    System.out.println(passed + " passed, " + (results.size() - passed) + " failed");
    return passed == results.size() ? 0 : 1;
  }

  private static void print(CaseResult r) {
    RecognitionCase c = r.c();
    String got = describe(r.outcome(), r.measures());
    String line =
        String.format(
            "%-4s %-4s %s %-12s %-8s -> %s (%s)",
            r.passed() ? "ok" : "FAIL",
            c.id(),
            c.jurisdiction(),
            c.checkpoint().name().substring("CHECKPOINT_TYPE_".length()),
            c.issuer(),
            got,
            EnumNames.designName(r.cause()));
    if (!r.passed()) {
      line +=
          "   expected "
              + describe(c.expectedOutcome(), c.expectedMeasures())
              + " ("
              + r.note()
              + ")";
      if (r.outcome() != null && !r.causeExplainsOutcome()) {
        line +=
            "; cause "
                + EnumNames.designName(r.cause())
                + " does not explain "
                + r.outcome().name();
      }
    }
    System.out.println(line);
    System.out.flush();
  }

  static String describe(Outcome outcome, Set<Measure> measures) {
    String o = outcome == null ? "(none)" : outcome.name().substring("OUTCOME_".length());
    if (measures.isEmpty()) {
      return o;
    }
    return o
        + " "
        + measures.stream()
            .map(m -> m.name().substring("MEASURE_".length()))
            .sorted()
            .collect(Collectors.joining("+"));
  }
}
