package codefed.bench.scenario;

import codefed.bench.client.ChannelSet;
import codefed.bench.load.LoadPlan;
import codefed.bench.proc.MeasuredProcess;
import codefed.bench.report.ScenarioResult;
import java.util.List;
import java.util.function.LongFunction;
import java.util.logging.Logger;

/** 90 % repeat scans (cache hits) and 10 % new codes (node hops), interleaved. */
public final class MixedScenario implements Scenario {
  private static final Logger LOG = Logger.getLogger(MixedScenario.class.getName());
  static final double COLD_FRACTION = 0.1;
  static final double FIRST_GUESS_PER_S = 8_000;

  @Override
  public String name() {
    return "mixed";
  }

  @Override
  public String description() {
    return "90 % hot, 10 % cold scans";
  }

  @Override
  public ScenarioResult run(BenchContext ctx) throws Exception {
    BaselineResult base = ctx.baseline();
    Gateway gateway = ctx.gateway();
    Nodes nodes = ctx.nodes();
    CodePool hot = ctx.hotCodes();
    List<MeasuredProcess> servers = List.of(gateway.process(), nodes.process());
    Measured max = null;
    Measured half;
    try (ChannelSet channels = gateway.channels()) {
      Priming.scanAll(channels, hot);
      double guess = ctx.recalled("hot.max_per_s").orElse(FIRST_GUESS_PER_S);
      LoadPlan closed = ctx.closedPlan(servers);
      int size = FreshCodes.needed(guess * COLD_FRACTION, closed);
      for (int attempt = 0; attempt < 3; attempt++) {
        CodePool fresh = FreshCodes.issue(nodes, BenchContext.COLD_ISSUER, size);
        max =
            Measurement.run(
                "mixed max",
                Scans.unary(channels, mix(hot, fresh)),
                closed,
                Scans.CATEGORIES,
                servers,
                ctx);
        if (fresh.remaining() > 0) {
          break;
        }
        size =
            Math.max(size * 2, FreshCodes.needed(max.throughput() * COLD_FRACTION * 1.5, closed));
        LOG.info("mixed: fresh codes ran dry; again with " + size);
      }
      Scenarios.requireProgress("mixed", max);
      LoadPlan open = ctx.openPlan(max.throughput() / 2);
      CodePool fresh =
          FreshCodes.issue(
              nodes,
              BenchContext.COLD_ISSUER,
              FreshCodes.needed(open.ratePerSecond() * COLD_FRACTION, open));
      half =
          Measurement.run(
              "mixed half",
              Scans.unary(channels, mix(hot, fresh)),
              open,
              Scans.CATEGORIES,
              servers,
              ctx);
    }
    ScenarioResult r = new ScenarioResult(name());
    Fields.fill(r, max, half, base);
    r.put("cold_fraction", COLD_FRACTION);
    r.put(
        "by_category_at_half_load",
        java.util.Map.of(
            "cache", Fields.latency(half.load().byCategory().get("cache")),
            "node", Fields.latency(half.load().byCategory().get("node"))));
    return r;
  }

  /** Every tenth scan a new code, the others cycling through the hot set. */
  private static LongFunction<String> mix(CodePool hot, CodePool fresh) {
    int every = (int) Math.round(1 / COLD_FRACTION);
    return i -> i % every == every - 1 ? fresh.next() : hot.cycle(i);
  }
}
