package codefed.bench.server;

/** What a benchmark child JVM serves: started once, then driven by command lines. */
interface ServerRole extends AutoCloseable {

  /** Starts serving; returns the JSON payload of the READY line (ports, …). */
  String start() throws Exception;

  /** One command from the parent (e.g. {@code down 140000}); returns the OK text. */
  default String handle(String[] words) throws Exception {
    throw new IllegalArgumentException("unknown command: " + String.join(" ", words));
  }

  /** Stops serving; never throws (a child JVM is about to exit anyway). */
  @Override
  void close();
}
