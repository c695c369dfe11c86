package codefed.bench.load;

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

  /** How an operation ended. Categories index the names given to the generator. */
  interface Outcome {
    void succeeded(int category);

    /** A failure (error status, unexpected answer); {@code reason} is kept as a sample. */
    void failed(String reason);
  }
}
