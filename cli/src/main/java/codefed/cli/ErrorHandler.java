package codefed.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception escaping a command into one line on stderr and exit code 1. The stack trace
 * goes to the log at FINE, never to the operator's terminal by default.
 */
public final class ErrorHandler implements IExecutionExceptionHandler {
  private static final Logger LOG = Logger.getLogger(ErrorHandler.class.getName());

  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    LOG.log(Level.FINE, "command failed", ex);
    String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + message);
    return 1;
  }
}
