package codefed.gateway.audit;

/** Told each time the log's writer changes {@link WriterState}, to drive health and metrics. */
@FunctionalInterface
public interface WriterStateListener {
  /**
   * Called on the log's watch or writer thread (keep it short), once at registration with the
   * current state and then at every change.
   *
   * @param failure the write or fsync error when {@code state} is {@link WriterState#FAILED}, else
   *     null
   */
  void writerState(WriterState state, Throwable failure);
}
