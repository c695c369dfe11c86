package codefed.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Drills start many servers; their start-up lines would drown the table unless asked for. */
final class DrillLogging {
  private DrillLogging() {}

  static void quiet() {
    if (System.getenv("CODEFED_LOG") == null) {
      Logger root = Logger.getLogger("");
      root.setLevel(Level.WARNING);
      for (var h : root.getHandlers()) {
        h.setLevel(Level.WARNING);
      }
    }
  }
}
