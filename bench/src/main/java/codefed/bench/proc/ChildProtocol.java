package codefed.bench.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The child side of {@link ChildJvm}: announce readiness, answer commands from stdin, stop when
 * stdin closes. Each reply is one line.
 */
public final class ChildProtocol {
  public static final String READY = "READY";
  public static final String OK = "OK";
  public static final String ERR = "ERR";
  private static final Logger LOG = Logger.getLogger(ChildProtocol.class.getName());

  /** Handles one command line (split on spaces); returns the text of the OK reply. */
  @FunctionalInterface
  public interface Handler {
    String handle(String[] words) throws Exception;
  }

  private final PrintStream out;

  public ChildProtocol(PrintStream out) {
    this.out = out;
  }

  public static ChildProtocol onStdout() {
    return new ChildProtocol(new PrintStream(System.out, true, StandardCharsets.UTF_8));
  }

  public void ready(String payload) {
    out.println(READY + " " + payload);
    out.flush();
  }

  /** Serves commands until stdin ends or {@code stop} arrives. */
  public void serve(Handler handler) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      String trimmed = line.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (trimmed.equals("stop")) {
        out.println(OK + " stopping");
        break;
      }
      try {
        out.println(OK + " " + handler.handle(trimmed.split("\\s+")));
      } catch (Exception e) {
        LOG.log(Level.WARNING, "command failed: " + trimmed, e);
        out.println(ERR + " " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
      out.flush();
    }
  }
}
