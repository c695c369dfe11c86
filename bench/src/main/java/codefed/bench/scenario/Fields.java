package codefed.bench.scenario;

import codefed.bench.load.LatencySummary;
import codefed.bench.load.LoadResult;
import codefed.bench.report.ScenarioResult;
import codefed.bench.report.TargetCheck;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fills a result's common fields the same way for every load scenario. Throughput is the
 * closed-loop maximum; {@code p50_ms}/{@code p99_ms} are measured open loop at half of it (the
 * latency a client sees when the server is not saturated, coordinated omission included), and the
 * closed-loop latencies are kept as {@code max_load_*}.
 */
final class Fields {
  private Fields() {}

  static void fill(ScenarioResult r, Measured max, Measured half, BaselineResult base) {
    r.put("throughput_per_s", max.throughput());
    r.put("baseline_per_s", base == null ? null : base.throughput());
    r.put("ratio_to_baseline", base == null ? null : max.throughput() / base.throughput());
    LatencySummary lat = half != null ? half.load().latency() : max.load().latency();
    r.put("p50_ms", lat.p50Ms());
    r.put("p99_ms", lat.p99Ms());
    r.put("cpu_us_per_op", max.serverCpuUsPerOp());
    r.put("baseline_cpu_us_per_op", base == null ? null : base.cpuUsPerCall());
    r.put("p999_ms", lat.p999Ms());
    r.put("max_ms", lat.maxMs());
    r.put(
        "latency_measured_at",
        half != null
            ? half.load().plan().describe() + " (half of max)"
            : max.load().plan().describe());
    r.put("max_load", max.load().plan().describe());
    r.put("max_load_p50_ms", max.load().latency().p50Ms());
    r.put("max_load_p99_ms", max.load().latency().p99Ms());
    r.put("generator_cpu_us_per_op", max.cpuUsPerOp("generator"));
    if (base != null) {
      r.put("baseline_half_p99_ms", base.halfP99Ms());
      r.put("measures_harness", base.measuresHarness());
    }
    r.put("cpu_s_by_process", cpuSeconds(max));
    r.put("cpu_us_per_op_by_process", cpuPerOp(max));
    r.put("server_jit_cpu_share", max.serverJitShare());
    r.put("warmup_extended_s", max.load().warmupExtendedSeconds());
    r.put("operations", max.load().completed() + (half == null ? 0 : half.load().completed()));
    long failed = max.load().failed() + (half == null ? 0 : half.load().failed());
    r.put("failed", failed);
    if (failed > 0) {
      r.put(
          "failure_samples",
          max.load().failed() > 0 ? max.load().failureSamples() : half.load().failureSamples());
    }
    if (half != null) {
      r.put("half_load_achieved_per_s", half.throughput());
    }
  }

  /**
   * The generator must cost well under the server it measures: at most 20 µs per call, and under
   * the server's own cost. The bare echo does the same TLS and HTTP/2 work as its client, so there
   * the generator is held to the 20 µs only.
   */
  static void generatorTarget(ScenarioResult r, Measured max, boolean againstEcho) {
    double gen = max.cpuUsPerOp("generator");
    double server = max.serverCpuUsPerOp();
    boolean over = !againstEcho && gen > server;
    r.target(
        TargetCheck.atMost(
            againstEcho
                ? "generator CPU per call <= 20 µs"
                : "generator CPU per call <= 20 µs and under the server's",
            over ? Double.POSITIVE_INFINITY : gen,
            GENERATOR_LIMIT_US,
            String.format(Locale.ROOT, "%.1f µs (server %.1f µs)", gen, server)));
  }

  /**
   * {@code name} at least {@code factor} times the nginx peer's throughput (same node, same run),
   * or why the peer was not measured.
   */
  static void peerTarget(
      ScenarioResult r, String name, Measured max, PeerResult peer, double factor) {
    if (!peer.measured()) {
      r.target(TargetCheck.notMeasured(name, peer.skipped()));
      return;
    }
    double vsPeer = max.throughput() / peer.throughput();
    r.target(
        TargetCheck.atLeast(
            name,
            vsPeer,
            factor,
            String.format(
                Locale.ROOT,
                "%.2fx (%,.0f/s vs %,.0f/s)",
                vsPeer,
                max.throughput(),
                peer.throughput())));
  }

  /** The servers' CPU per operation at the maximum, split by process, next to the echo's. */
  static void cpuNextToBaseline(
      ScenarioResult r, String scenario, Measured max, BaselineResult base) {
    r.target(
        TargetCheck.reported(
            scenario + " CPU per decision next to the baseline's per call",
            String.format(
                Locale.ROOT,
                "%.0f µs (gateway %.0f + nodes %.0f) vs baseline %.0f µs",
                max.serverCpuUsPerOp(),
                max.cpuUsPerOp("gateway"),
                max.cpuUsPerOp("nodes"),
                base.cpuUsPerCall())));
  }

  /** Flags a run whose bare echo was slow at half load: latencies then measure the harness. */
  static void harnessTarget(ScenarioResult r, BaselineResult base) {
    r.target(
        TargetCheck.atMost(
            "baseline p99 at half load <= 2 ms (else the run measures the harness)",
            base.halfP99Ms(),
            BaselineResult.HARNESS_P99_MS,
            String.format(
                Locale.ROOT,
                "%.2f ms at %,.0f/s",
                base.halfP99Ms(),
                base.half().load().targetRatePerSecond())));
  }

  static final double GENERATOR_LIMIT_US = 20;

  static Map<String, Object> cpuSeconds(Measured m) {
    return new LinkedHashMap<>(m.cpuSeconds());
  }

  static Map<String, Object> cpuPerOp(Measured m) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String p : m.cpuSeconds().keySet()) {
      out.put(p, m.cpuUsPerOp(p));
    }
    return out;
  }

  static Map<String, Object> latency(LoadResult.Category c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", c.completed());
    m.put("p50_ms", c.latency().p50Ms());
    m.put("p99_ms", c.latency().p99Ms());
    m.put("p999_ms", c.latency().p999Ms());
    m.put("max_ms", c.latency().maxMs());
    return m;
  }
}
