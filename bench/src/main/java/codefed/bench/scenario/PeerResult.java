package codefed.bench.scenario;

/**
 * The nginx peer's numbers for this run, or why there are none.
 *
 * @param max closed loop; null when skipped
 * @param half open loop at half of max; null when skipped
 */
public record PeerResult(Measured max, Measured half, String skipped) {
  public static PeerResult skipped(String why) {
    return new PeerResult(null, null, why);
  }

  public boolean measured() {
    return max != null;
  }

  public double throughput() {
    return max == null ? Double.NaN : max.throughput();
  }
}
