package codefed.bench.load;

import org.HdrHistogram.Histogram;

/** Percentiles of a latency histogram recorded in nanoseconds, in milliseconds. */
public record LatencySummary(
    long count,
    double meanMs,
    double p50Ms,
    double p90Ms,
    double p99Ms,
    double p999Ms,
    double maxMs) {

  public static final LatencySummary EMPTY =
      new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public static LatencySummary of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencySummary(
        h.getTotalCount(),
        h.getMean() / 1e6,
        ms(h.getValueAtPercentile(50)),
        ms(h.getValueAtPercentile(90)),
        ms(h.getValueAtPercentile(99)),
        ms(h.getValueAtPercentile(99.9)),
        ms(h.getMaxValue()));
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }
}
