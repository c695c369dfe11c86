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
}
