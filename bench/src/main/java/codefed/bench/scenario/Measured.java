package codefed.bench.scenario;

import codefed.bench.load.LoadResult;
import java.util.List;
import java.util.Map;

/**
 * A load phase's result with the CPU seconds each process used during the measured window.
 *
 * @param serverSide the processes that do the work being measured (their CPU is "per op")
 */
public record Measured(LoadResult load, Map<String, Double> cpuSeconds, List<String> serverSide) {

  public Measured {
    cpuSeconds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(cpuSeconds));
    serverSide = List.copyOf(serverSide);
  }

  /** Server-side CPU microseconds per successful operation. */
  public double serverCpuUsPerOp() {
    double s = 0;
    for (String name : serverSide) {
      s += cpuSeconds.getOrDefault(name, 0.0);
    }
    return perOp(s);
  }

  public double cpuUsPerOp(String process) {
    Double s = cpuSeconds.get(process);
    return s == null ? Double.NaN : perOp(s);
  }

  private double perOp(double seconds) {
    return load.completed() == 0 ? Double.NaN : seconds * 1e6 / load.completed();
  }

  public double throughput() {
    return load.throughputPerSecond();
  }
}
