package codefed.bench.cli;

import codefed.cli.ConsoleLogging;
import codefed.cli.ErrorHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code codefed-bench.jar}, so the benchmarks (JMH, the load generator, the nginx
 * peer) stay out of the product's {@code codefed.jar}. The launcher routes {@code ./codefed bench
 * ...} here; the command line is the same as the product's.
 */
@Command(
    name = "codefed",
    mixinStandardHelpOptions = true,
    description = "Benchmarks of the federated inter-province health-code gateway.",
    subcommands = {BenchCommand.class, CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    ConsoleLogging.install();
    System.exit(newCommandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine newCommandLine() {
    return new CommandLine(new BenchMain()).setExecutionExceptionHandler(new ErrorHandler());
  }
}
