package codefed.node.fault;

import codefed.node.InvalidRequestException;
import java.time.Duration;
import java.util.Objects;

/**
 * Injected faults (tests and drills).
 *
 * @param latency added to every {@code VerifyCode} answer
 * @param errorRate fraction of {@code VerifyCode} calls answered {@code UNAVAILABLE}, in [0, 1]
 * @param hang {@code VerifyCode} never answers (callers hit their deadline)
 * @param down every RPC but {@code SetFault} answers {@code UNAVAILABLE}; health reports
 *     NOT_SERVING; open change streams end with {@code UNAVAILABLE}
 */
public record FaultSettings(Duration latency, double errorRate, boolean hang, boolean down) {
  /** No fault. */
  public static final FaultSettings NONE = new FaultSettings(Duration.ZERO, 0, false, false);

  public FaultSettings {
    Objects.requireNonNull(latency, "latency");
    if (latency.isNegative()) {
      throw new InvalidRequestException("latency: " + latency + " (expected: >= 0)");
    }
    if (!(errorRate >= 0 && errorRate <= 1)) {
      throw new InvalidRequestException("error_rate: " + errorRate + " (expected: within [0, 1])");
    }
  }

  public FaultSettings withLatency(Duration value) {
    return new FaultSettings(value, errorRate, hang, down);
  }

  public FaultSettings withErrorRate(double value) {
    return new FaultSettings(latency, value, hang, down);
  }

  public FaultSettings withHang(boolean value) {
    return new FaultSettings(latency, errorRate, value, down);
  }

  public FaultSettings withDown(boolean value) {
    return new FaultSettings(latency, errorRate, hang, value);
  }
}
