package codefed.bench.scenario;

import codefed.bench.client.ChannelSet;
import codefed.bench.client.UnaryCalls;
import codefed.bench.client.UnexpectedAnswer;
import codefed.bench.load.LoadPlan;
import codefed.bench.proc.MeasuredProcess;
import codefed.bench.report.ScenarioResult;
import codefed.bench.report.TargetCheck;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.RecognizeResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One issuer dead. New codes of three issuers at a fixed arrival rate (open loop, half the cold
 * maximum), first with every node up, then with one node down (every RPC UNAVAILABLE): its scans
 * must be answered MANUAL_VERIFICATION fast once its breaker is open, and the other issuers'
 * latency must not move.
 */
public final class NodeDownScenario implements Scenario {
  static final String VICTIM = "310000";
  static final List<String> HEALTHY = List.of("140000", "110000");
  static final List<String> CATEGORIES = List.of("healthy", "dead-issuer");
  private static final Duration MIN_WARMUP = Duration.ofSeconds(2);

  @Override
  public String name() {
    return "node-down";
  }

  @Override
  public String description() {
    return "one issuer's node down: its scans fail fast, the others unchanged";
  }

  @Override
  public ScenarioResult run(BenchContext ctx) throws Exception {
    BaselineResult base = ctx.baseline();
    Gateway gateway = ctx.gateway();
    Nodes nodes = ctx.nodes();
    List<MeasuredProcess> servers = List.of(gateway.process(), nodes.process());
    Measured allUp;
    Measured oneDown;
    double rate;
    try (ChannelSet channels = gateway.channels()) {
      rate =
          ctx.recalled(ColdScenario.KEY_MAX)
                  .orElseGet(() -> calibrate(ctx, channels, nodes, servers))
              / 2;
      // At a few hundred scans/s one stall of the shared machine moves a 10 s window's p99:
      // both phases measure twice as long as the others.
      LoadPlan measured = ctx.openPlan(rate);
      LoadPlan plan =
          LoadPlan.open(
              rate,
              measured.warmup().compareTo(MIN_WARMUP) < 0 ? MIN_WARMUP : measured.warmup(),
              measured.duration().multipliedBy(2));
      allUp =
          Measurement.run(
              "node-down, all up",
              calls(channels, pools(nodes, plan), false),
              plan,
              CATEGORIES,
              servers,
              ctx);
      nodes.down(VICTIM);
      try {
        oneDown =
            Measurement.run(
                "node-down, " + VICTIM + " down",
                calls(channels, pools(nodes, plan), true),
                plan,
                CATEGORIES,
                servers,
                ctx);
      } finally {
        nodes.up(VICTIM);
      }
    }
    ScenarioResult r = new ScenarioResult(name());
    Fields.fill(r, oneDown, null, base);
    r.put("throughput_per_s", oneDown.throughput());
    r.put("p50_ms", oneDown.load().latencyOf("healthy").p50Ms());
    r.put("p99_ms", oneDown.load().latencyOf("healthy").p99Ms());
    r.put("p999_ms", oneDown.load().latencyOf("healthy").p999Ms());
    r.put("max_ms", oneDown.load().latencyOf("healthy").maxMs());
    r.put(
        "latency_measured_at",
        oneDown.load().plan().describe()
            + " (half the cold maximum); p50/p99: healthy issuers while "
            + VICTIM
            + " is down");
    r.put("ratio_to_baseline", oneDown.throughput() / base.throughput());
    r.put("dead_issuer", VICTIM);
    Map<String, Object> up = new LinkedHashMap<>();
    up.put("healthy", Fields.latency(allUp.load().byCategory().get("healthy")));
    up.put(VICTIM, Fields.latency(allUp.load().byCategory().get("dead-issuer")));
    Map<String, Object> down = new LinkedHashMap<>();
    down.put("healthy", Fields.latency(oneDown.load().byCategory().get("healthy")));
    down.put(VICTIM + " (down)", Fields.latency(oneDown.load().byCategory().get("dead-issuer")));
    r.put("all_up", up);
    r.put("one_down", down);
    r.put("all_up_failed", allUp.load().failed());
    double healthyUp = allUp.load().latencyOf("healthy").p99Ms();
    double healthyDown = oneDown.load().latencyOf("healthy").p99Ms();
    double dead = oneDown.load().latencyOf("dead-issuer").p99Ms();
    double ratio = healthyDown / healthyUp;
    r.target(
        TargetCheck.atMost(
            "node-down: healthy issuers' p99 within 1.2x of all-up",
            ratio,
            1.2,
            String.format(
                Locale.ROOT,
                "%.2fx (%.2f ms vs %.2f ms at %,.0f/s)",
                ratio,
                healthyDown,
                healthyUp,
                rate)));
    r.target(
        TargetCheck.atMost(
            "node-down: dead issuer answered (MANUAL_VERIFICATION) p99 <= 5 ms",
            dead,
            5.0,
            String.format(Locale.ROOT, "%.2f ms", dead)));
    return r;
  }

  /** Fresh codes for each issuer, enough for a third of the plan's arrivals each. */
  private static CodePool[] pools(Nodes nodes, LoadPlan plan) throws IOException {
    List<String> issuers = issuers();
    CodePool[] pools = new CodePool[issuers.size()];
    int each = FreshCodes.needed(plan.ratePerSecond() / issuers.size(), plan);
    for (int k = 0; k < pools.length; k++) {
      pools[k] = FreshCodes.issue(nodes, issuers.get(k), each);
    }
    return pools;
  }

  static List<String> issuers() {
    return List.of(HEALTHY.get(0), HEALTHY.get(1), VICTIM);
  }

  /** Scan i is a code of issuer i mod 3; the last issuer is the one taken down. */
  private static UnaryCalls<RecognizeRequest, RecognizeResponse> calls(
      ChannelSet channels, CodePool[] pools, boolean victimDown) {
    int n = pools.length;
    return new UnaryCalls<>(
        channels,
        RecognitionServiceGrpc.getRecognizeMethod(),
        i -> {
          String qr = pools[(int) (i % n)].next();
          if (qr == null) {
            throw new IllegalStateException("code pool exhausted");
          }
          return Scans.request(qr);
        },
        (i, answer) -> {
          boolean victim = i % n == n - 1;
          Decision d = answer.getDecision();
          if (victim && victimDown) {
            if (d.getOutcome() != Outcome.OUTCOME_MANUAL_VERIFICATION) {
              throw new UnexpectedAnswer("dead issuer answered " + d.getOutcome());
            }
            return 1;
          }
          if (Scans.category(d) != Scans.NODE) {
            throw new UnexpectedAnswer("a new code answered from cache");
          }
          return victim ? 1 : 0;
        });
  }

  /** Without a cold run before: measure the closed-loop maximum over the three issuers. */
  private static double calibrate(
      BenchContext ctx, ChannelSet channels, Nodes nodes, List<MeasuredProcess> servers) {
    try {
      LoadPlan plan =
          ctx.closedPlan(
              Math.min(ctx.settings().concurrency(), ColdScenario.MAX_IN_FLIGHT), servers);
      CodePool[] pools = new CodePool[3];
      for (int k = 0; k < 3; k++) {
        pools[k] =
            FreshCodes.issue(
                nodes,
                issuers().get(k),
                FreshCodes.needed(ColdScenario.FIRST_GUESS_PER_S / 3, plan));
      }
      return Measurement.run(
              "node-down calibration",
              calls(channels, pools, false),
              plan,
              CATEGORIES,
              servers,
              ctx)
          .throughput();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
