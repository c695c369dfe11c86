package codefed.bench.scenario;

import codefed.bench.client.ChannelSet;
import codefed.bench.client.UnaryCalls;
import codefed.bench.load.LoadPlan;
import codefed.bench.load.LoadResult;
import codefed.bench.proc.MeasuredProcess;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.RecognizeResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * One load phase spread round robin over some gateways of a fleet, with each decision counted for
 * the gateway that made it, so that decisions/s and CPU per decision come out per gateway process
 * as well as for the fleet.
 */
record FleetPhase(String label, List<String> gateways, Measured measured) {

  /**
   * Runs {@code plan} over {@code targets} (call i to gateway i mod n), QR text i from {@code
   * codes}.
   */
  static FleetPhase run(
      String label,
      List<Gateway> targets,
      Nodes nodes,
      LongFunction<String> codes,
      LoadPlan plan,
      BenchContext ctx) {
    List<String> names = targets.stream().map(g -> g.process().name()).toList();
    List<String> categories = new ArrayList<>();
    for (String n : names) {
      categories.add("node@" + n);
      categories.add("cache@" + n);
    }
    List<MeasuredProcess> servers = new ArrayList<>();
    targets.forEach(g -> servers.add(g.process()));
    servers.add(nodes.process());
    try (ChannelSet channels =
        ChannelSet.openAll(
            targets.stream().map(Gateway::port).toList(),
            targets.get(0).credentials(),
            ctx.settings().channels())) {
      channels.connect(java.time.Duration.ofSeconds(10));
      var calls =
          new UnaryCalls<RecognizeRequest, RecognizeResponse>(
              channels,
              RecognitionServiceGrpc.getRecognizeMethod(),
              i -> {
                String qr = codes.apply(i);
                if (qr == null) {
                  throw new IllegalStateException("code pool exhausted");
                }
                return Scans.request(qr);
              },
              (i, r) -> 2 * channels.target(i) + Scans.category(r.getDecision()));
      Measured m = Measurement.run(label, calls, plan, categories, servers, ctx);
      Scenarios.requireProgress(label, m);
      return new FleetPhase(label, names, m);
    }
  }

  double decisionsPerSecond() {
    return measured.throughput();
  }

  long decisions(String gateway) {
    LoadResult load = measured.load();
    return completed(load, "node@" + gateway) + completed(load, "cache@" + gateway);
  }

  /**
   * Gateway CPU (all gateway processes, not the nodes) per decision, in µs, JIT compiler threads
   * included.
   */
  double gatewayCpuUsPerDecision() {
    double seconds = 0;
    for (String g : gateways) {
      seconds += measured.cpuSeconds().getOrDefault(g, 0.0);
    }
    return perDecision(seconds, measured.load().completed());
  }

  /**
   * Gateway CPU per decision without the JIT compiler threads' share: the steady-state cost, which
   * a phase shortened on a busy machine would otherwise overstate by what is still compiling.
   */
  double steadyCpuUsPerDecision() {
    double seconds = 0;
    for (String g : gateways) {
      seconds +=
          measured.cpuSeconds().getOrDefault(g, 0.0) - measured.jitSeconds().getOrDefault(g, 0.0);
    }
    return perDecision(seconds, measured.load().completed());
  }

  double gatewayCpuUsPerDecision(String gateway) {
    return perDecision(measured.cpuSeconds().getOrDefault(gateway, 0.0), decisions(gateway));
  }

  double steadyCpuUsPerDecision(String gateway) {
    return perDecision(
        measured.cpuSeconds().getOrDefault(gateway, 0.0)
            - measured.jitSeconds().getOrDefault(gateway, 0.0),
        decisions(gateway));
  }

  private static double perDecision(double seconds, long decisions) {
    return decisions == 0 ? Double.NaN : seconds * 1e6 / decisions;
  }

  /** The phase as result fields: overall and per gateway process. */
  Map<String, Object> fields() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("gateways", gateways.size());
    m.put("decisions_per_s", decisionsPerSecond());
    m.put("gateway_cpu_us_per_decision", gatewayCpuUsPerDecision());
    m.put("gateway_cpu_us_per_decision_without_jit", steadyCpuUsPerDecision());
    m.put("server_cpu_us_per_decision", measured.serverCpuUsPerOp());
    m.put("nodes_cpu_us_per_decision", measured.cpuUsPerOp("nodes"));
    m.put("p50_ms", measured.load().latency().p50Ms());
    m.put("p99_ms", measured.load().latency().p99Ms());
    m.put("failed", measured.load().failed());
    Map<String, Object> per = new LinkedHashMap<>();
    for (String g : gateways) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("decisions_per_s", decisions(g) / measured.load().seconds());
      one.put("cpu_us_per_decision", gatewayCpuUsPerDecision(g));
      one.put("cpu_us_per_decision_without_jit", steadyCpuUsPerDecision(g));
      per.put(g, one);
    }
    m.put("per_gateway", per);
    return m;
  }

  private static long completed(LoadResult load, String category) {
    LoadResult.Category c = load.byCategory().get(category);
    return c == null ? 0 : c.completed();
  }
}
