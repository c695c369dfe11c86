package codefed.bench.cli;

import codefed.bench.report.Json;
import codefed.bench.report.MarkdownReport;
import codefed.bench.scenario.BenchRun;
import codefed.bench.scenario.BenchSettings;
import codefed.bench.scenario.Scenario;
import codefed.bench.scenario.Scenarios;
import codefed.gateway.cli.GatewayCommand;
import codefed.gateway.status.NodeLimit;
import codefed.node.assertion.SignBatching;
import codefed.node.cli.DurationConverter;
import codefed.node.cli.SignBatchingConverter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code codefed bench SCENARIO|all}: load the gateway and compare it with the baseline and nginx.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    subcommands = AuditVerifyBenchCommand.class,
    description = {
      "Benchmarks: the gateway against this machine's limit (a trivial mTLS service measured in "
          + "the same run) and against nginx proxying to a node. Results are written as Markdown "
          + "and JSON under bench/results/.",
      "Scenarios: baseline, peer, hot, cold, mixed, node-down, stream, audit-append, memory, micro, fleet.",
      "Subcommand: audit-verify (auditors' verify and replay against a gateway's write rate; see bench audit-verify --help)."
    })
public final class BenchCommand implements Callable<Integer> {

  // Optional for picocli only, so that a subcommand (audit-verify) needs no scenario; call()
  // requires it.
  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "SCENARIO",
      description = "all, or one scenario name")
  String scenario;

  @Option(
      names = "--duration",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "measured window of each load phase (default: ${DEFAULT-VALUE})")
  Duration duration;

  @Option(
      names = "--warmup",
      defaultValue = "8s",
      converter = DurationConverter.class,
      description =
          "warm-up before each closed-loop phase; half of it before open-loop phases "
              + "(default: ${DEFAULT-VALUE})")
  Duration warmup;

  @Option(
      names = "--concurrency",
      defaultValue = "128",
      description = "calls in flight in closed-loop phases (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--channels",
      defaultValue = "4",
      description = "client HTTP/2 connections per target (default: ${DEFAULT-VALUE})")
  int channels;

  @Option(names = "--json", description = "print one JSON object per scenario on stdout")
  boolean json;

  @Option(
      names = "--out",
      description = "results directory (default: bench/results of the source tree)")
  Path out;

  @Option(
      names = "--nginx",
      defaultValue = "INSTALL",
      description =
          "the nginx peer: INSTALL (apt-get when missing and root), USE_IF_PRESENT or SKIP "
              + "(default: ${DEFAULT-VALUE})")
  BenchSettings.NginxMode nginx;

  @Option(
      names = "--jfr",
      description = "record a JFR profile of every child JVM into <results>/jfr/")
  boolean jfr;

  @Option(
      names = "--jit-warmup",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description =
          "extra warm-up of the first phase against each freshly started JVM; every "
              + "warm-up is also extended (up to 30 s, 120 s per run) until the servers' JIT compilers are quiet "
              + "(default: ${DEFAULT-VALUE})")
  Duration jitWarmup;

  @Option(
      names = "--server-jvm",
      defaultValue =
          "-Xms2g -Xmx2g -Xmn1g -XX:+UseParallelGC -XX:+AlwaysPreTouch -XX:MetaspaceSize=256m",
      description =
          "JVM options of the baseline, node and gateway JVMs alike; the parallel collector "
              + "because its young pauses on two shared cores are a tenth of G1's, with an old "
              + "generation no run fills (its full collections stop everything), and a "
              + "metaspace threshold above what the servers load (crossing it forces a full "
              + "collection: 272 ms of the gateway's, mid-run) (default: ${DEFAULT-VALUE})")
  String serverJvm;

  @Option(
      names = "--node-limit",
      defaultValue = "fixed",
      paramLabel = "fixed|adaptive",
      converter = GatewayCommand.NodeLimitConverter.class,
      description =
          "the gateway's per-issuer limit of node calls in flight, as codefed gateway "
              + "--node-limit; named in each gateway scenario's result (default: ${DEFAULT-VALUE})")
  NodeLimit nodeLimit;

  @Option(
      names = "--sign-batch",
      defaultValue = "250us",
      paramLabel = "off|WINDOW",
      converter = SignBatchingConverter.class,
      description =
          "how the nodes sign their answers, as codefed node --sign-batch: each alone (off) or "
              + "in batches gathered for WINDOW (e.g. 250us); named in each result with the "
              + "answers per signature (default: ${DEFAULT-VALUE})")
  SignBatching signBatching;

  @Spec CommandSpec spec;

  /** Runs the command on its own (from the bench module's class path, without the launcher). */
  public static void main(String[] args) {
    System.exit(new picocli.CommandLine(new BenchCommand()).execute(args));
  }

  @Option(
      names = "--generator-jvm",
      defaultValue = GeneratorJvm.DEFAULT_OPTIONS,
      description =
          "JVM options of the load generator: the command runs itself again in a JVM with "
              + "them, so that its own GC pauses do not pollute the servers' latencies; empty: run in "
              + "this JVM (default: ${DEFAULT-VALUE})")
  String generatorJvm;

  @Override
  public Integer call() throws Exception {
    if (scenario == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "Missing required parameter: 'SCENARIO'");
    }
    List<Scenario> selected = Scenarios.select(scenario);
    java.util.Optional<Integer> relaunched = GeneratorJvm.relaunch(generatorJvm);
    if (relaunched.isPresent()) {
      return relaunched.get();
    }
    BenchSettings settings =
        new BenchSettings(
            duration,
            warmup,
            concurrency,
            channels,
            out != null ? out.toAbsolutePath() : ResultsLocation.defaultDir(),
            nginx,
            jfr,
            jitWarmup,
            serverJvm.isBlank() ? List.of() : List.of(serverJvm.trim().split("\\s+")),
            nodeLimit,
            signBatching);
    PrintWriter stdout = spec.commandLine().getOut();
    BenchRun.Outcome outcome =
        BenchRun.execute(
            selected,
            settings,
            commandLine(),
            r -> {
              if (json) {
                stdout.println(Json.write(r.toJsonMap()));
                stdout.flush();
              }
            });
    if (!json) {
      stdout.println(MarkdownReport.summary(outcome.results()));
    }
    System.err.println("codefed bench: results in " + outcome.report());
    boolean failed = outcome.results().stream().anyMatch(r -> r.get("error") != null);
    return failed ? 1 : 0;
  }

  private String commandLine() {
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    // From the launcher the arguments start at the root command ("bench all"); run directly, not.
    return "./codefed "
        + (args.isEmpty() || !args.get(0).equals("bench") ? "bench " : "")
        + String.join(" ", args);
  }
}
