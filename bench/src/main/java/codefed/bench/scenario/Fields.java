package codefed.bench.scenario;

import codefed.bench.load.LatencySummary;
import codefed.bench.load.LoadResult;
import codefed.bench.report.ScenarioResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fills a result's common fields the same way for every load scenario. Throughput is the
 * closed-loop maximum; {@code p50_ms}/{@code p99_ms} are measured open loop at half of it (the
 * latency a client sees when the server is not saturated, coordinated omission included), and
 * the closed-loop latencies are kept as {@code max_load_*}.
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
    r.put("latency_measured_at", half != null
        ? half.load().plan().describe() + " (half of max)" : max.load().plan().describe());
    r.put("max_load", max.load().plan().describe());
    r.put("max_load_p50_ms", max.load().latency().p50Ms());
    r.put("max_load_p99_ms", max.load().latency().p99Ms());
    r.put("cpu_s_by_process", cpuSeconds(max));
    r.put("cpu_us_per_op_by_process", cpuPerOp(max));
    r.put("server_jit_cpu_share", max.serverJitShare());
    r.put("warmup_extended_s", max.load().warmupExtendedSeconds());
    r.put("operations", max.load().completed() + (half == null ? 0 : half.load().completed()));
    long failed = max.load().failed() + (half == null ? 0 : half.load().failed());
    r.put("failed", failed);
    if (failed > 0) {
      r.put("failure_samples", max.load().failed() > 0
          ? max.load().failureSamples() : half.load().failureSamples());
    }
    if (half != null) {
      r.put("half_load_achieved_per_s", half.throughput());
    }
  }

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
