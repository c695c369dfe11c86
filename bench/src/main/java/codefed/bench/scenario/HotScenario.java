package codefed.bench.scenario;

import codefed.bench.client.ChannelSet;
import codefed.bench.proc.MeasuredProcess;
import codefed.bench.report.ScenarioResult;
import codefed.bench.report.TargetCheck;
import java.util.List;
import java.util.Locale;

/**
 * Repeat scans: {@value BenchContext#HOT_CODES} codes scanned over and over, every decision a cache
 * hit (no node hop) but still verified, evaluated and recorded durably in the audit log.
 */
public final class HotScenario implements Scenario {

  @Override
  public String name() {
    return "hot";
  }

  @Override
  public String description() {
    return "repeat scans: cache hits, audit on";
  }

  @Override
  public ScenarioResult run(BenchContext ctx) throws Exception {
    BaselineResult base = ctx.baseline();
    PeerResult peer = ctx.peer();
    Gateway gateway = ctx.gateway();
    CodePool codes = ctx.hotCodes();
    Measured max;
    Measured half;
    try (ChannelSet channels = gateway.channels()) {
      Priming.scanAll(channels, codes);
      var calls = Scans.repeated(channels, codes);
      List<MeasuredProcess> servers = List.of(gateway.process(), ctx.nodes().process());
      max =
          Measurement.run(
              "hot max", calls, ctx.closedPlan(servers), Scans.CATEGORIES, servers, ctx);
      Scenarios.requireProgress("hot", max);
      ctx.remember("hot.max_per_s", max.throughput());
      half =
          Measurement.run(
              "hot half",
              calls,
              ctx.openPlan(max.throughput() / 2),
              Scans.CATEGORIES,
              servers,
              ctx);
    }
    ScenarioResult r = new ScenarioResult(name());
    Fields.fill(r, max, half, base);
    r.put("distinct_codes", codes.size());
    r.put(
        "cache_hit_ratio",
        (double) max.load().byCategory().get("cache").completed() / max.load().completed());
    r.put("peer_per_s", peer.measured() ? peer.throughput() : null);
    r.put("ratio_to_peer", peer.measured() ? max.throughput() / peer.throughput() : null);
    addTargets(r, max, half, base, peer);
    Fields.generatorTarget(r, max, false);
    Fields.harnessTarget(r, base);
    return r;
  }

  static void addTargets(
      ScenarioResult r, Measured max, Measured half, BaselineResult base, PeerResult peer) {
    double ratio = max.throughput() / base.throughput();
    r.target(
        TargetCheck.atLeast(
            "hot >= 0.5x baseline throughput",
            ratio,
            0.5,
            String.format(
                Locale.ROOT,
                "%.2fx (%,.0f/s vs %,.0f/s)",
                ratio,
                max.throughput(),
                base.throughput())));
    Fields.peerTarget(r, "hot >= 2x nginx peer throughput", max, peer, 2.0);
    double p99 = half.load().latency().p99Ms();
    r.target(
        TargetCheck.atMost(
            "hot p99 at half of max throughput <= 5 ms",
            p99,
            5.0,
            String.format(
                Locale.ROOT, "%.2f ms at %,.0f/s", p99, half.load().targetRatePerSecond())));
    Fields.cpuNextToBaseline(r, "hot", max, base);
  }
}
