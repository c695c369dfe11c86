package codefed.node.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Synthetic residents: export QR texts and images. */
@Command(name = "population", mixinStandardHelpOptions = true, description = "Synthetic residents: export QR texts and images.")
public final class PopulationCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("codefed population: not available in this build yet");
    return 2;
  }
}
