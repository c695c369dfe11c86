package codefed.bench.load;

/** Told when the measured window opens and closes (e.g. to read CPU clocks at those instants). */
public interface WindowListener {
  WindowListener NONE = new WindowListener() {};

  /**
   * Called when the planned warm-up is over, under load; may block to extend the warm-up (for
   * example while the target's JIT is still compiling), but should return by {@code deadlineNanos}
   * ({@link System#nanoTime()} scale). The window opens when it returns.
   */
  default void warmupEnding(long deadlineNanos) {}

  default void windowStarted() {}

  default void windowEnded() {}
}
