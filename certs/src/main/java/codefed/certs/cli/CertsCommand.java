package codefed.certs.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Federation PKI: create, issue, revoke and show certificates and keys. */
@Command(name = "certs", mixinStandardHelpOptions = true, description = "Federation PKI: create, issue, revoke and show certificates and keys.")
public final class CertsCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    System.err.println("codefed certs: not available in this build yet");
    return 2;
  }
}
