package codefed.bench.scenario;

import codefed.bench.proc.HostCpu;
import codefed.bench.report.ResultsWriter;
import codefed.bench.report.RunInfo;
import codefed.bench.report.ScenarioResult;
import codefed.bench.report.TargetCheck;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs scenarios one after another in one context, hands each result over as it is ready, and
 * writes the run (Markdown and JSON) under the results directory. A scenario that fails is reported
 * as failed; the others still run.
 */
public final class BenchRun {
  private static final Logger LOG = Logger.getLogger(BenchRun.class.getName());

  private BenchRun() {}

  /** The run's results and the Markdown file written. */
  public record Outcome(List<ScenarioResult> results, Path report) {}

  public static Outcome execute(
      List<Scenario> scenarios,
      BenchSettings settings,
      String command,
      Consumer<ScenarioResult> onResult)
      throws IOException {
    RunInfo run =
        new RunInfo(
            Instant.now(), command, settings.toJsonMap(), machine(), loadAverage(), "", Double.NaN);
    HostCpu hostAtStart = HostCpu.sample();
    List<ScenarioResult> results = new ArrayList<>();
    try (BenchContext ctx = new BenchContext(settings)) {
      ctx.allowRealSample(scenarios.stream().anyMatch(Scenario::usesGateway));
      for (Scenario s : scenarios) {
        ScenarioResult r;
        long t0 = System.nanoTime();
        long startedAtMillis = System.currentTimeMillis();
        ctx.scenarioStarting();
        try {
          r = s.run(ctx);
        } catch (Exception e) {
          LOG.log(Level.WARNING, s.name() + " failed", e);
          r =
              new ScenarioResult(s.name())
                  .put("error", String.valueOf(e.getMessage()))
                  .note("scenario failed: " + e);
        }
        if (s.usesGateway()) {
          r.put("node_limit", settings.nodeLimit().label()); // which per-issuer limit was measured
          r.put("sign_batch", settings.signBatching().label()); // how the nodes signed
        }
        double reference = ctx.referenceSeconds(s.name());
        double own = (System.nanoTime() - t0) / 1e9 - reference;
        r.put("wall_s", own);
        // Which server JVM stopped for its collector during this scenario, and for how long.
        java.util.Map<String, Object> gc =
            ctx.gcPauses(startedAtMillis, System.currentTimeMillis());
        if (!gc.isEmpty()) {
          r.put("gc_pauses", gc);
        }
        if (reference > 0) {
          r.put("reference_wall_s", reference); // baseline/peer measured on its behalf
        }
        if (r.get("error") == null && r.get("throughput_per_s") != null) { // load scenarios
          long limit = BenchContext.SCENARIO_LIMIT.toSeconds();
          r.target(
              TargetCheck.atMost(
                  "scenario <= " + limit + " s including warm-up",
                  own,
                  limit,
                  String.format(
                      java.util.Locale.ROOT,
                      "%.0f s (+ %.0f s measuring baseline/peer for it)",
                      own,
                      reference)));
        }
        results.add(r);
        onResult.accept(r);
      }
    }
    double steal = HostCpu.sample().stealShareSince(hostAtStart).orElse(Double.NaN);
    Path report =
        ResultsWriter.write(settings.resultsDir(), run.ended(loadAverage(), steal), results);
    return new Outcome(results, report);
  }

  /** "2 cores, Intel(R) Xeon(R) Processor, Java 17.0.15, Linux 6.1". */
  static String machine() {
    String cpu = "unknown CPU";
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
      }
    } catch (IOException e) {
      // not Linux: leave it unknown
    }
    return Runtime.getRuntime().availableProcessors()
        + " cores, "
        + cpu
        + ", Java "
        + System.getProperty("java.version")
        + ", "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.version");
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
