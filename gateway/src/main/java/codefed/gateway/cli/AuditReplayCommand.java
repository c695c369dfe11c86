package codefed.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code codefed audit replay}: re-evaluates recorded decisions (lands with the decision rules). */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Re-evaluate every recorded decision under the policy version recorded with it.")
final class AuditReplayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getErr().println("codefed audit replay: not available in this build yet");
    return 2;
  }
}
