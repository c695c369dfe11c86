package codefed.bench.proc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** CPU time of several processes at one instant; the difference of two is a window's usage. */
public record CpuSnapshot(Map<String, Duration> byProcess) {

  public CpuSnapshot {
    byProcess = Map.copyOf(byProcess);
  }

  public static CpuSnapshot take(List<MeasuredProcess> processes) {
    Map<String, Duration> m = new LinkedHashMap<>();
    for (MeasuredProcess p : processes) {
      m.merge(p.name(), p.cpuTime(), Duration::plus);
    }
    return new CpuSnapshot(m);
  }

  /** CPU seconds each process used between {@code earlier} and this snapshot, in list order. */
  public Map<String, Double> secondsSince(CpuSnapshot earlier, List<MeasuredProcess> order) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (MeasuredProcess p : order) {
      Duration now = byProcess.getOrDefault(p.name(), Duration.ZERO);
      Duration then = earlier.byProcess.getOrDefault(p.name(), Duration.ZERO);
      out.put(p.name(), now.minus(then).toNanos() / 1e9);
    }
    return out;
  }
}
