package codefed.bench.scenario;

import codefed.bench.client.ChannelSet;
import codefed.bench.client.StreamCalls;
import codefed.bench.proc.MeasuredProcess;
import codefed.bench.report.ScenarioResult;
import java.util.List;

/**
 * Repeat scans (as in hot) over RecognizeStream, one stream per channel, the run's number of scans
 * in flight across them; answers matched by request id.
 */
public final class StreamScenario implements Scenario {

  @Override
  public String name() {
    return "stream";
  }

  @Override
  public String description() {
    return "repeat scans over RecognizeStream";
  }

  @Override
  public ScenarioResult run(BenchContext ctx) throws Exception {
    BaselineResult base = ctx.baseline();
    Gateway gateway = ctx.gateway();
    CodePool codes = ctx.hotCodes();
    List<MeasuredProcess> servers = List.of(gateway.process(), ctx.nodes().process());
    Measured max;
    Measured half;
    try (ChannelSet channels = gateway.channels()) {
      Priming.scanAll(channels, codes);
      try (StreamCalls calls = streams(channels, codes)) {
        max =
            Measurement.run(
                "stream max", calls, ctx.closedPlan(servers), Scans.CATEGORIES, servers, ctx);
      }
      Scenarios.requireProgress("stream", max);
      try (StreamCalls calls = streams(channels, codes)) {
        half =
            Measurement.run(
                "stream half",
                calls,
                ctx.openPlan(max.throughput() / 2),
                Scans.CATEGORIES,
                servers,
                ctx);
      }
    }
    ScenarioResult r = new ScenarioResult(name());
    Fields.fill(r, max, half, base);
    r.put("streams", ctx.settings().channels());
    double unaryHot = ctx.recalled("hot.max_per_s").orElse(Double.NaN);
    r.put("ratio_to_unary_hot", Double.isNaN(unaryHot) ? null : max.throughput() / unaryHot);
    r.note("The baseline answers streams too; its ratio here is to its unary maximum.");
    return r;
  }

  private static StreamCalls streams(ChannelSet channels, CodePool codes) {
    return new StreamCalls(
        channels,
        i -> Scans.request(codes.cycle(i)).getScan(),
        (i, answer) -> Scans.category(answer.getDecision()));
  }
}
