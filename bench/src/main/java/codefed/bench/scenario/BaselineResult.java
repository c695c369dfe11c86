package codefed.bench.scenario;

/**
 * The baseline of this run: the trivial mTLS service driven exactly like the gateway.
 *
 * @param max closed loop at the run's concurrency: the machine's limit for this call shape
 * @param half open loop at half of {@code max}
 */
public record BaselineResult(Measured max, Measured half, int requestBytes, int responseBytes) {
  public double throughput() {
    return max.throughput();
  }

  public double cpuUsPerCall() {
    return max.serverCpuUsPerOp();
  }

  /** p99 at half load, in ms; above {@link #HARNESS_P99_MS} the run measures the harness. */
  public double halfP99Ms() {
    return half.load().latency().p99Ms();
  }

  /**
   * A bare echo at half of its maximum should answer within 2 ms at p99 on loopback; when it does
   * not, the generator or the machine (other load, stolen CPU) dominates every latency of the run,
   * and the run is flagged.
   */
  public static final double HARNESS_P99_MS = 2.0;

  public boolean measuresHarness() {
    return halfP99Ms() > HARNESS_P99_MS;
  }
}
