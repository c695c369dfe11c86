package codefed.bench.scenario;

import codefed.bench.client.ChannelSet;
import codefed.bench.load.LoadPlan;
import codefed.bench.proc.MeasuredProcess;
import codefed.bench.report.ScenarioResult;
import codefed.bench.report.TargetCheck;
import codefed.node.assertion.AnswerSigner;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Every scan a code never seen before: signature check, node hop over mTLS (the node signs an
 * assertion, the gateway checks who answered and the assertion's signature), policy, audit. Closed
 * loop at most {@value #MAX_IN_FLIGHT} in flight: the gateway's per-issuer in-flight limit admits
 * that many node calls at once (further ones wait for a slot). The node is healthy throughout, so
 * every decision made offline or MANUAL_VERIFICATION is counted ({@code
 * offline_or_manual_with_healthy_node}, target 0).
 */
public final class ColdScenario implements Scenario {
  private static final Logger LOG = Logger.getLogger(ColdScenario.class.getName());
  static final int MAX_IN_FLIGHT = 32;

  /** First guess of the cold rate, to size the code pool; a run that exhausts it is repeated. */
  static final double FIRST_GUESS_PER_S = 6_000;

  static final String KEY_MAX = "cold.max_per_s";

  /** The issue's floor for this machine, next to the ratio to nginx. */
  static final double MIN_PER_S = 3_000;

  @Override
  public String name() {
    return "cold";
  }

  @Override
  public String description() {
    return "every scan a new code: node hop, signature checks, audit";
  }

  @Override
  public ScenarioResult run(BenchContext ctx) throws Exception {
    BaselineResult base = ctx.baseline();
    PeerResult peer = ctx.peer();
    Gateway gateway = ctx.gateway();
    Nodes nodes = ctx.nodes();
    BenchSettings s = ctx.settings();
    int inFlight = Math.min(s.concurrency(), MAX_IN_FLIGHT);
    List<MeasuredProcess> servers = List.of(gateway.process(), nodes.process());
    LoadPlan closed = ctx.closedPlan(inFlight, servers);
    Measured max = null;
    Measured half;
    int codesUsed = 0;
    DegradedDecisions degraded = new DegradedDecisions();
    AnswerSigner.SigningCounts signingAtMax = new AnswerSigner.SigningCounts(0, 0);
    try (ChannelSet channels = gateway.channels()) {
      int size = FreshCodes.needed(FIRST_GUESS_PER_S, closed);
      for (int attempt = 0; attempt < 3; attempt++) {
        CodePool pool = FreshCodes.issue(nodes, BenchContext.COLD_ISSUER, size);
        AnswerSigner.SigningCounts before = nodes.signing();
        max =
            Measurement.run(
                "cold max",
                Scans.unary(channels, i -> pool.next(), degraded),
                closed,
                Scans.CATEGORIES,
                servers,
                ctx);
        signingAtMax = nodes.signing().since(before);
        codesUsed += pool.used();
        if (pool.remaining() > 0) {
          break;
        }
        size = Math.max(size * 2, FreshCodes.needed(max.throughput() * 1.5, closed));
        LOG.info("cold: the code pool ran dry; again with " + size + " codes");
      }
      Scenarios.requireProgress("cold", max);
      ctx.remember(KEY_MAX, max.throughput());
      LoadPlan open = ctx.openPlan(max.throughput() / 2);
      CodePool pool =
          FreshCodes.issue(
              nodes, BenchContext.COLD_ISSUER, FreshCodes.needed(open.ratePerSecond(), open));
      half =
          Measurement.run(
              "cold half",
              Scans.unary(channels, i -> pool.next(), degraded),
              open,
              Scans.CATEGORIES,
              servers,
              ctx);
      codesUsed += pool.used();
    }
    ScenarioResult r = new ScenarioResult(name());
    Fields.fill(r, max, half, base);
    r.put(
        "max_load",
        closed.describe()
            + " (the per-issuer limit admits "
            + MAX_IN_FLIGHT
            + " node calls at once)");
    r.put("offline_or_manual_with_healthy_node", degraded.count());
    if (degraded.count() > 0) {
      r.put("offline_or_manual_kinds", degraded.kinds());
    }
    r.target(
        TargetCheck.atMost(
            "0 offline/MANUAL decisions with a healthy node (both phases, warm-up included)",
            degraded.count(),
            0,
            degraded.count() + " of " + codesUsed + " scans"));
    Fields.generatorTarget(r, max, false);
    Fields.harnessTarget(r, base);
    r.put("codes_scanned", codesUsed);
    // How many answers shared a node signature at full load (1.0 when each is signed alone).
    r.put(
        "node_answers_per_signature",
        signingAtMax.signatures() == 0 ? null : signingAtMax.meanBatch());
    r.put("cache_hits", max.load().byCategory().get("cache").completed());
    r.put("peer_per_s", peer.measured() ? peer.throughput() : null);
    r.put("ratio_to_peer", peer.measured() ? max.throughput() / peer.throughput() : null);
    Fields.peerTarget(r, "cold >= 1.0x nginx peer throughput (same node)", max, peer, 1.0);
    r.target(
        TargetCheck.atLeast(
            "cold >= 3,000 decisions/s",
            max.throughput(),
            MIN_PER_S,
            String.format(Locale.ROOT, "%,.0f/s", max.throughput())));
    double p99 = half.load().latency().p99Ms();
    r.target(
        TargetCheck.reported(
            "cold p99 at half of max throughput",
            String.format(
                Locale.ROOT, "%.2f ms at %,.0f/s", p99, half.load().targetRatePerSecond())));
    Fields.cpuNextToBaseline(r, "cold", max, base);
    return r;
  }
}
