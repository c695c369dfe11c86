package codefed.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Start a federation on loopback, scan real codes, print decisions. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Start a federation on loopback, scan real codes, print decisions.")
public final class DemoCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("codefed demo: not available in this build yet");
    return 2;
  }
}
