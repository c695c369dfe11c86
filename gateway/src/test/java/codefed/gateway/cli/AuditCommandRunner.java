package codefed.gateway.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs {@code codefed audit ...} in-process and captures what it prints. */
public final class AuditCommandRunner {
  /** Exit code and output of one run. */
  public record Run(int exit, String out, String err) {}

  private AuditCommandRunner() {}

  public static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new AuditCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
