package codefed.bench.load;

import java.util.List;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One operation the load generator can start without blocking (a gRPC call on an async stub, a task
 * handed to a pool). It must report exactly once through the {@link Outcome}, from any thread.
 */
@FunctionalInterface
public interface AsyncCall {

  /**
   * Starts operation number {@code index} (0, 1, 2, … across the whole run).
   *
   * @param outcome where to report success (with the category the answer falls in) or failure
   */
  void start(long index, Outcome outcome);

  /**
   * Where an open loop should start its operations: the transport's own event loops when the calls
   * run on them, so that starting a call is not a hand-off to another thread (one wake-up per
   * call). Loop j starts operations whose number is j modulo the list's size, which must be the
   * ones whose transport runs on it. Empty: a dedicated pacing thread starts them all.
   */
  default List<ScheduledExecutorService> pacers() {
    return List.of();
  }

  /** How an operation ended. Categories index the names given to the generator. */
  interface Outcome {
    void succeeded(int category);

    /** A failure (error status, unexpected answer); {@code reason} is kept as a sample. */
    void failed(String reason);
  }
}
