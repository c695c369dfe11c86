package codefed.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** One-line log format on stderr; {@code CODEFED_LOG=FINE} for more. */
public final class ConsoleLogging {
  private ConsoleLogging() {}

  public static void install() {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    Level level = Level.parse(System.getenv().getOrDefault("CODEFED_LOG", "INFO"));
    ConsoleHandler handler = new ConsoleHandler();
    handler.setLevel(level);
    handler.setFormatter(new OneLine(level.intValue() <= Level.FINE.intValue()));
    root.addHandler(handler);
    root.setLevel(level);
    // grpc-netty is chatty at INFO about connection resets during shutdown.
    Logger.getLogger("io.grpc.netty.shaded").setLevel(Level.WARNING);
  }

  private static final class OneLine extends Formatter {
    private final boolean stackTraces;

    OneLine(boolean stackTraces) {
      this.stackTraces = stackTraces;
    }

    @Override
    public String format(LogRecord r) {
      String logger = r.getLoggerName() == null ? "" : r.getLoggerName();
      int dot = logger.lastIndexOf('.');
      String thrown = r.getThrown() == null ? "" : " (" + r.getThrown() + ")";
      if (r.getThrown() != null && stackTraces) {
        java.io.StringWriter w = new java.io.StringWriter();
        r.getThrown().printStackTrace(new java.io.PrintWriter(w));
        thrown = System.lineSeparator() + w;
      }
      return String.format(
          "%1$tT.%1$tL %2$-7s %3$s: %4$s%5$s%n",
          r.getMillis(), r.getLevel(), logger.substring(dot + 1), formatMessage(r), thrown);
    }
  }
}
