package codefed.node.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Synthetic residents: export QR texts and images. */
@Command(
    name = "population",
    mixinStandardHelpOptions = true,
    description = "Synthetic residents: export QR texts and images.",
    subcommands = PopulationExportCommand.class)
public final class PopulationCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
