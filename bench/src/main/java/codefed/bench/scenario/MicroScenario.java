package codefed.bench.scenario;

import codefed.bench.report.ScenarioResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH microbenchmarks (package {@code codefed.bench.jmh}): QR parse + signature verify per
 * algorithm, policy evaluation, a status cache hit, one audit append. One fork each, short
 * iterations: enough to rank and to explain the scenarios, not to publish.
 */
public final class MicroScenario implements Scenario {

  @Override
  public String name() {
    return "micro";
  }

  @Override
  public boolean usesGateway() {
    return false;
  }

  @Override
  public String description() {
    return "JMH: QR parse + verify (P-256, SM2, Ed25519), policy evaluation, cache hit, one audit append";
  }

  @Override
  public ScenarioResult run(BenchContext ctx) throws Exception {
    Options options =
        new OptionsBuilder()
            .include("codefed\\.bench\\.jmh\\..*")
            .forks(1)
            .warmupIterations(3)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(5)
            .measurementTime(TimeValue.seconds(1))
            .jvmArgs("-Xms1g", "-Xmx1g")
            .verbosity(VerboseMode.SILENT)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    List<Object> rows = new ArrayList<>();
    ScenarioResult r = new ScenarioResult(name());
    for (RunResult rr : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      String bench = rr.getParams().getBenchmark();
      row.put("benchmark", bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1));
      Map<String, Object> params = new LinkedHashMap<>();
      for (String k : rr.getParams().getParamsKeys()) {
        params.put(k, rr.getParams().getParam(k));
      }
      if (!params.isEmpty()) {
        row.put("params", params);
      }
      row.put("score", rr.getPrimaryResult().getScore());
      row.put("error", rr.getPrimaryResult().getScoreError());
      row.put("unit", rr.getPrimaryResult().getScoreUnit());
      rows.add(row);
    }
    r.put("benchmarks", rows);
    r.put(
        "settings",
        "1 fork, 3 x 1 s warm-up, 5 x 1 s measurement, average time per operation; error = 99.9 % confidence half-width");
    return r;
  }
}
