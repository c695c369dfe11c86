package codefed.bench.scenario;

import codefed.bench.load.LoadResult;
import java.util.List;
import java.util.Map;

/**
 * A load phase's result with the CPU seconds each process used during the measured window, and the
 * part of them its JIT compiler threads used.
 *
 * @param serverSide the processes that do the work being measured (their CPU is "per op")
 */
public record Measured(
    LoadResult load,
    Map<String, Double> cpuSeconds,
    Map<String, Double> jitSeconds,
    List<String> serverSide) {

  public Measured {
    cpuSeconds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cpuSeconds));
    jitSeconds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(jitSeconds));
    serverSide = List.copyOf(serverSide);
  }

  /** Server-side CPU microseconds per successful operation. */
  public double serverCpuUsPerOp() {
    return perOp(serverSum(cpuSeconds));
  }

  /** The share of the servers' CPU in the window that went to JIT compilation (0 when idle). */
  public double serverJitShare() {
    double total = serverSum(cpuSeconds);
    return total > 0 ? serverSum(jitSeconds) / total : 0;
  }

  public double cpuUsPerOp(String process) {
    Double s = cpuSeconds.get(process);
    return s == null ? Double.NaN : perOp(s);
  }

  private double serverSum(Map<String, Double> seconds) {
    double s = 0;
    for (String name : serverSide) {
      s += seconds.getOrDefault(name, 0.0);
    }
    return s;
  }

  private double perOp(double seconds) {
    return load.completed() == 0 ? Double.NaN : seconds * 1e6 / load.completed();
  }

  public double throughput() {
    return load.throughputPerSecond();
  }
}
