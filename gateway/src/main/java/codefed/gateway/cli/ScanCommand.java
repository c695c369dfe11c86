package codefed.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Scan one code at a gateway, as a checkpoint. */
@Command(name = "scan", mixinStandardHelpOptions = true, description = "Scan one code at a gateway, as a checkpoint.")
public final class ScanCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("codefed scan: not available in this build yet");
    return 2;
  }
}
