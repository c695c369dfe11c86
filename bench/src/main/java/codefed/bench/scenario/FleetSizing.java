package codefed.bench.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many gateways a province needs for a decision rate, from the CPU one decision costs a
 * gateway: {@code ceil(rate × cpu_us / (utilization × cores × 10⁶))} — each gateway a machine of
 * {@code cores} cores kept at {@code utilization} of its CPU (headroom for bursts and failover).
 */
public final class FleetSizing {
  /** The border peaks the sizing table answers for (decisions per second). */
  public static final List<Integer> RATES = List.of(10_000, 35_000, 60_000);

  public static final int CORES = 2;
  public static final double UTILIZATION = 0.6;

  private FleetSizing() {}

  /** Gateways for {@code ratePerSecond} decisions at {@code cpuUsPerDecision} gateway CPU each. */
  public static int gateways(
      double ratePerSecond, double cpuUsPerDecision, int cores, double utilization) {
    if (!(ratePerSecond >= 0)
        || !(cpuUsPerDecision > 0)
        || cores <= 0
        || !(utilization > 0 && utilization <= 1)) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "rate %s, cpu_us %s, cores %d, utilization %s (expected: rate >= 0, cpu_us > 0, cores > 0, 0 < utilization <= 1)",
              ratePerSecond,
              cpuUsPerDecision,
              cores,
              utilization));
    }
    // The product is rounded to a micro-decision so that an exact fit is not pushed up by float
    // error.
    double needed = ratePerSecond * cpuUsPerDecision / (utilization * cores * 1e6);
    return (int) Math.ceil(Math.round(needed * 1e6) / 1e6);
  }

  /**
   * Gateways per rate of {@link #RATES} on {@link #CORES}-core machines at {@link #UTILIZATION}.
   */
  public static Map<String, Integer> table(double cpuUsPerDecision) {
    Map<String, Integer> m = new LinkedHashMap<>();
    for (int rate : RATES) {
      m.put(rate / 1000 + "k/s", gateways(rate, cpuUsPerDecision, CORES, UTILIZATION));
    }
    return m;
  }
}
