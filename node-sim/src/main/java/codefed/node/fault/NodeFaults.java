package codefed.node.fault;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * The node's fault switches, shared by the gRPC layer, the {@code SetFault} RPC, the command line
 * and in-process drivers (the {@code demo} and {@code cases} runners):
 *
 * <pre>{@code
 * NodeFaults faults = node.faults();
 * faults.down();                              // node unreachable: every RPC UNAVAILABLE
 * faults.up();
 * faults.setLatency(Duration.ofMillis(300));  // slow VerifyCode answers
 * faults.setErrorRate(0.2);                   // 20 % of VerifyCode calls UNAVAILABLE
 * faults.setHang(true);                       // VerifyCode never answers
 * faults.clear();
 * }</pre>
 *
 * <p>Thread-safe; a change takes effect for calls that start after it.
 */
public final class NodeFaults {
  /** What to do with one {@code VerifyCode} call. */
  public sealed interface Decision {
    /** Answer, after {@code delay} (zero: at once). */
    record Answer(Duration delay) implements Decision {}

    /** Answer UNAVAILABLE (an injected error). */
    record Fail() implements Decision {}

    /** Never answer. */
    record Hang() implements Decision {}
  }

  private final RandomGenerator random;
  private final List<Consumer<FaultSettings>> listeners = new CopyOnWriteArrayList<>();
  private volatile FaultSettings settings = FaultSettings.NONE;

  /**
   * @param random decides which calls fail under an error rate strictly between 0 and 1
   */
  public NodeFaults(RandomGenerator random) {
    this.random = random;
  }

  public FaultSettings settings() {
    return settings;
  }

  /** Replaces all settings at once (what {@code SetFault} does). */
  public void set(FaultSettings next) {
    update(s -> next);
  }

  /** Takes the node down: every RPC but SetFault answers UNAVAILABLE. */
  public void down() {
    update(s -> s.withDown(true));
  }

  /** Brings the node back up (other faults stay as set). */
  public void up() {
    update(s -> s.withDown(false));
  }

  public boolean isDown() {
    return settings.down();
  }

  public void setLatency(Duration latency) {
    update(s -> s.withLatency(latency));
  }

  public void setErrorRate(double errorRate) {
    update(s -> s.withErrorRate(errorRate));
  }

  public void setHang(boolean hang) {
    update(s -> s.withHang(hang));
  }

  /** No fault at all. */
  public void clear() {
    set(FaultSettings.NONE);
  }

  /** Called after every change (e.g. to set health to NOT_SERVING while down). */
  public void onChange(Consumer<FaultSettings> listener) {
    listeners.add(listener);
  }

  /** The fate of one VerifyCode call under the current settings. */
  public Decision decideVerify() {
    FaultSettings s = settings;
    if (s.hang()) {
      return new Decision.Hang();
    }
    if (s.errorRate() >= 1 || (s.errorRate() > 0 && nextDouble() < s.errorRate())) {
      return new Decision.Fail();
    }
    return new Decision.Answer(s.latency());
  }

  private synchronized double nextDouble() {
    return random.nextDouble();
  }

  private void update(UnaryOperator<FaultSettings> change) {
    FaultSettings previous;
    FaultSettings next;
    synchronized (this) {
      previous = settings;
      next = change.apply(previous);
      settings = next;
    }
    if (!previous.equals(next)) {
      listeners.forEach(l -> l.accept(next));
    }
  }
}
