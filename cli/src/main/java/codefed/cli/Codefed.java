package codefed.cli;

import codefed.certs.cli.CertsCommand;
import codefed.gateway.cli.AuditCommand;
import codefed.gateway.cli.GatewayCommand;
import codefed.gateway.cli.ScanCommand;
import codefed.node.cli.NodeCommand;
import codefed.node.cli.PopulationCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code codefed} command line: one entry point for every role in the federation. */
@Command(
    name = "codefed",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Federated inter-province health-code gateway.",
    footer = {
      "",
      "Benchmarks: ./codefed bench --help (the launcher runs them from their own jar, "
          + "bench/target/codefed-bench.jar)."
    },
    subcommands = {
      DemoCommand.class,
      CertsCommand.class,
      NodeCommand.class,
      PopulationCommand.class,
      GatewayCommand.class,
      ScanCommand.class,
      codefed.gateway.cli.WitnessCommand.class,
      CasesCommand.class,
      AuditCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Codefed implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    ConsoleLogging.install();
    int exit = newCommandLine().execute(args);
    System.exit(exit);
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine newCommandLine() {
    CommandLine cmd = new CommandLine(new Codefed());
    cmd.setExecutionExceptionHandler(new ErrorHandler());
    return cmd;
  }
}
