package codefed.bench.scenario;

import codefed.bench.client.ChannelSet;
import codefed.bench.load.LoadPlan;
import codefed.bench.report.ScenarioResult;
import codefed.bench.report.TargetCheck;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * One gateway, then two (separate JVMs, round robin), against the same nodes, each gateway carrying
 * the same calls in flight (one gateway half the run's concurrency, two gateways half each), hot
 * and cold: decisions/s and gateway CPU per decision per process and overall, whether the fleet
 * adds per-decision cost (CPU per decision with two over with one), and the sizing table that
 * follows from the CPU per decision. On a small machine two gateways share its cores, so their
 * decisions/s do not add up here; CPU per decision is what carries over to more machines. Phases
 * are shortened (warm-up ≤ 5 s, window ≤ 6 s, warm-up extensions ≤ 12 s in all) to keep the
 * scenario near 90 s; the ratio and the sizing use the CPU without the JIT compiler threads'.
 */
public final class FleetScenario implements Scenario {
  private static final Logger LOG = Logger.getLogger(FleetScenario.class.getName());
  static final Duration MAX_WARMUP = Duration.ofSeconds(5);
  static final Duration MAX_WINDOW = Duration.ofSeconds(6);

  /** All four phases' warm-up extensions together (JIT still compiling), at most. */
  static final Duration MAX_EXTENSION = Duration.ofSeconds(12);

  /**
   * CPU per decision with two gateways may exceed one gateway's by this factor and still count as
   * no added cost.
   */
  static final double SAME_COST = 1.10;

  @Override
  public String name() {
    return "fleet";
  }

  @Override
  public String description() {
    return "1 -> 2 gateways, same nodes and load: CPU per decision, sizing table";
  }

  @Override
  public ScenarioResult run(BenchContext ctx) throws Exception {
    long start = System.nanoTime();
    Nodes nodes = ctx.nodes();
    Gateway a = ctx.gateway();
    Gateway b = Gateway.start(ctx, nodes, "gateway-b");
    List<Gateway> one = List.of(a);
    List<Gateway> two = List.of(a, b);
    CodePool hot = ctx.hotCodes();
    for (Gateway g : two) {
      try (ChannelSet c = g.channels()) {
        Priming.scanAll(c, hot);
      }
    }
    BenchSettings s = ctx.settings();
    // The four phases may extend their warm-ups (JIT still busy) by MAX_EXTENSION in all; the rest
    // of
    // the run's budget is kept for the scenarios after this one.
    long budget = ctx.grantWarmupExtension(Long.MAX_VALUE);
    long kept = Math.max(0, budget - MAX_EXTENSION.toNanos());
    ctx.returnWarmupExtension(budget - kept);
    FleetPhase hot1;
    FleetPhase hot2;
    FleetPhase cold1;
    FleetPhase cold2;
    try {
      // Each gateway carries the same calls in flight in both phases (one gateway half of them,
      // two gateways half each): a gateway's CPU per decision grows as its load thins (fewer
      // records per fsync, fewer answers per write), so only equal loads compare the cost a second
      // gateway adds.
      int hotEach = perGateway(s.concurrency());
      hot1 =
          FleetPhase.run(
              "fleet hot, 1 gateway", one, nodes, hot::cycle, plan(s, hotEach, true), ctx);
      hot2 =
          FleetPhase.run(
              "fleet hot, 2 gateways", two, nodes, hot::cycle, plan(s, 2 * hotEach, true), ctx);
      int coldEach = perGateway(Math.min(s.concurrency(), ColdScenario.MAX_IN_FLIGHT));
      double guess = ctx.recalled(ColdScenario.KEY_MAX).orElse(ColdScenario.FIRST_GUESS_PER_S);
      cold1 = cold("fleet cold, 1 gateway", one, nodes, plan(s, coldEach, false), guess, ctx);
      cold2 =
          cold(
              "fleet cold, 2 gateways",
              two,
              nodes,
              plan(s, 2 * coldEach, false),
              1.5 * cold1.decisionsPerSecond(),
              ctx);
    } finally {
      ctx.returnWarmupExtension(kept);
    }

    ScenarioResult r = new ScenarioResult(name());
    r.put("throughput_per_s", hot2.decisionsPerSecond());
    r.put("p50_ms", hot2.measured().load().latency().p50Ms());
    r.put("p99_ms", hot2.measured().load().latency().p99Ms());
    r.put("cpu_us_per_op", hot2.gatewayCpuUsPerDecision());
    r.put("host_cores", Runtime.getRuntime().availableProcessors());
    r.put("hot_1_gateway", hot1.fields());
    r.put("hot_2_gateways", hot2.fields());
    r.put("cold_1_gateway", cold1.fields());
    r.put("cold_2_gateways", cold2.fields());
    double hotRatio = hot2.steadyCpuUsPerDecision() / hot1.steadyCpuUsPerDecision();
    double coldRatio = cold2.steadyCpuUsPerDecision() / cold1.steadyCpuUsPerDecision();
    r.put("fleet_cpu_ratio_hot", hotRatio);
    r.put("fleet_cpu_ratio_cold", coldRatio);
    r.target(costCheck("hot", hot1, hot2, hotRatio));
    r.target(costCheck("cold", cold1, cold2, coldRatio));
    // Size with the dearer of the two measurements of each load, without JIT compilation (steady
    // state).
    double hotUs = Math.max(hot1.steadyCpuUsPerDecision(), hot2.steadyCpuUsPerDecision());
    double coldUs = Math.max(cold1.steadyCpuUsPerDecision(), cold2.steadyCpuUsPerDecision());
    r.put("sizing_cpu_us_hot", hotUs);
    r.put("sizing_cpu_us_cold", coldUs);
    Map<String, Integer> hotTable = FleetSizing.table(hotUs);
    Map<String, Integer> coldTable = FleetSizing.table(coldUs);
    r.put("sizing_gateways_hot", hotTable);
    r.put("sizing_gateways_cold", coldTable);
    r.put("wall_s", (System.nanoTime() - start) / 1e9);
    r.note(
        String.format(
            Locale.ROOT,
            "sizing: gateways of %d cores at %.0f %% CPU = ceil(rate x cpu_us / (%.1f x %d x 1e6)); "
                + "hot (%.0f µs): %s; cold (%.0f µs): %s",
            FleetSizing.CORES,
            100 * FleetSizing.UTILIZATION,
            FleetSizing.UTILIZATION,
            FleetSizing.CORES,
            hotUs,
            hotTable,
            coldUs,
            coldTable));
    r.note(
        "the gateways, the nodes and the generator share this machine's "
            + Runtime.getRuntime().availableProcessors()
            + " cores: two gateways split the same CPU, so decisions/s compare the load, CPU per decision the cost");
    LOG.info(() -> "fleet: " + r.notes());
    return r;
  }

  private static TargetCheck costCheck(String load, FleetPhase one, FleetPhase two, double ratio) {
    return TargetCheck.atMost(
        "fleet adds no per-decision cost, "
            + load
            + " (2 vs 1 gateway CPU/decision <= "
            + SAME_COST
            + "x)",
        ratio,
        SAME_COST,
        String.format(
            Locale.ROOT,
            "%.2fx (%.0f µs vs %.0f µs per decision; %,.0f/s vs %,.0f/s, %d vs %d in flight"
                + " per gateway; JIT compilation excluded)",
            ratio,
            two.steadyCpuUsPerDecision(),
            one.steadyCpuUsPerDecision(),
            two.decisionsPerSecond(),
            one.decisionsPerSecond(),
            two.measured().load().plan().concurrency() / 2,
            one.measured().load().plan().concurrency()));
  }

  /** A cold phase on fresh codes; once more with a bigger pool if the first ran dry. */
  private static FleetPhase cold(
      String label,
      List<Gateway> targets,
      Nodes nodes,
      LoadPlan plan,
      double guess,
      BenchContext ctx)
      throws Exception {
    int size = FreshCodes.needed(guess, plan);
    FleetPhase phase = null;
    for (int attempt = 0; attempt < 2; attempt++) {
      CodePool pool = FreshCodes.issue(nodes, BenchContext.COLD_ISSUER, size);
      phase = FleetPhase.run(label, targets, nodes, i -> pool.next(), plan, ctx);
      if (pool.remaining() > 0) {
        break;
      }
      size = Math.max(size * 2, FreshCodes.needed(phase.decisionsPerSecond() * 1.5, plan));
      LOG.info(label + ": the code pool ran dry; again with " + size + " codes");
    }
    return phase;
  }

  /** Calls in flight per gateway: half the run's, so that two gateways carry all of them. */
  static int perGateway(int concurrency) {
    return Math.max(1, concurrency / 2);
  }

  /**
   * A closed-loop plan with the run's settings capped to keep the scenario short; the first hot
   * phases add JIT warm-up.
   */
  static LoadPlan plan(BenchSettings s, int concurrency, boolean freshJvm) {
    Duration warmup =
        min(s.warmup(), MAX_WARMUP).plus(freshJvm ? min(s.jitWarmup(), MAX_WARMUP) : Duration.ZERO);
    return LoadPlan.closed(concurrency, warmup, min(s.duration(), MAX_WINDOW));
  }

  private static Duration min(Duration x, Duration y) {
    return x.compareTo(y) <= 0 ? x : y;
  }
}
