package codefed.node.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Run a province node (ProvinceNodeService over mTLS). */
@Command(name = "node", mixinStandardHelpOptions = true, description = "Run a province node (ProvinceNodeService over mTLS).")
public final class NodeCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("codefed node: not available in this build yet");
    return 2;
  }
}
