package codefed.bench.load;

import java.util.List;
import java.util.Map;

/**
 * What one measured window produced.
 *
 * @param seconds the measured window's length (warm-up excluded)
 * @param completed successful operations in the window (all categories)
 * @param failed failed operations in the window
 * @param latency every successful operation's latency; closed loop from its start, open loop from
 *     its intended start
 * @param byCategory the same, per category name
 * @param failureSamples the first few failure reasons (distinct)
 * @param targetRatePerSecond open loop: the arrival rate asked for; closed loop: 0
 * @param warmupExtendedSeconds how much longer than planned the warm-up ran (waiting for the target
 *     to settle)
 */
public record LoadResult(
    LoadPlan plan,
    double seconds,
    long completed,
    long failed,
    LatencySummary latency,
    Map<String, Category> byCategory,
    List<String> failureSamples,
    double targetRatePerSecond,
    double warmupExtendedSeconds) {

  /** One category's count and latencies. */
  public record Category(long completed, LatencySummary latency) {}

  public double throughputPerSecond() {
    return seconds > 0 ? completed / seconds : 0;
  }

  public LatencySummary latencyOf(String category) {
    Category c = byCategory.get(category);
    return c == null ? LatencySummary.EMPTY : c.latency();
  }
}
