package codefed.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Verify, replay, query and report on a gateway's audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify, replay, query and report on a gateway's audit log.")
public final class AuditCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("codefed audit: not available in this build yet");
    return 2;
  }
}
