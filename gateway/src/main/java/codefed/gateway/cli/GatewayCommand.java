package codefed.gateway.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Run a recognition gateway (RecognitionService over mTLS). */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Run a recognition gateway (RecognitionService over mTLS).")
public final class GatewayCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("codefed gateway: not available in this build yet");
    return 2;
  }
}
