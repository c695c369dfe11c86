package codefed.bench.load;

/** Told when the measured window opens and closes (e.g. to read CPU clocks at those instants). */
public interface WindowListener {
  WindowListener NONE = new WindowListener() {};

  default void windowStarted() {}

  default void windowEnded() {}
}
