package codefed.bench.proc;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time of several processes at one instant, in total and in their JIT compiler threads; the
 * difference of two snapshots is a window's usage.
 */
public record CpuSnapshot(Map<String, Duration> byProcess, Map<String, Duration> jitByProcess) {

  public CpuSnapshot {
    byProcess = Map.copyOf(byProcess);
    jitByProcess = Map.copyOf(jitByProcess);
  }

  public static CpuSnapshot take(List<MeasuredProcess> processes) {
    Map<String, Duration> total = new LinkedHashMap<>();
    Map<String, Duration> jit = new LinkedHashMap<>();
    for (MeasuredProcess p : processes) {
      total.merge(p.name(), p.cpuTime(), Duration::plus);
      jit.merge(p.name(), p.jitCpuTime(), Duration::plus);
    }
    return new CpuSnapshot(total, jit);
  }

  /** CPU seconds each process used between {@code earlier} and this snapshot, in list order. */
  public Map<String, Double> secondsSince(CpuSnapshot earlier, List<MeasuredProcess> order) {
    return since(byProcess, earlier.byProcess, order);
  }

  /** The part of {@link #secondsSince} spent compiling, per process. */
  public Map<String, Double> jitSecondsSince(CpuSnapshot earlier, List<MeasuredProcess> order) {
    return since(jitByProcess, earlier.jitByProcess, order);
  }

  private static Map<String, Double> since(
      Map<String, Duration> now, Map<String, Duration> then, List<MeasuredProcess> order) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (MeasuredProcess p : order) {
      Duration a = now.getOrDefault(p.name(), Duration.ZERO);
      Duration b = then.getOrDefault(p.name(), Duration.ZERO);
      out.put(p.name(), a.minus(b).toNanos() / 1e9);
    }
    return out;
  }
}
