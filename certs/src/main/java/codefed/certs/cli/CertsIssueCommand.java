package codefed.certs.cli;

import codefed.pki.PkiInitializer;
import codefed.pki.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codefed certs issue ROLE NAME}. */
@Command(
    name = "issue",
    mixinStandardHelpOptions = true,
    description =
        "Issue one more identity (certificate + PKCS#8 key, 0600) signed by the federation CA.")
final class CertsIssueCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      defaultValue = "pki",
      description = "PKI directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Parameters(index = "0", description = "Role: node, gateway, checkpoint, auditor or platform.")
  String role;

  @Parameters(index = "1", description = "Name, e.g. a province code or checkpoint-7.")
  String name;

  @Option(
      names = "--san",
      description =
          "Extra DNS name, node and gateway only: clients carry no host names (repeatable).")
  List<String> sans = new ArrayList<>();

  @Option(names = "--force", description = "Replace an existing identity of that name.")
  boolean force;

  @Override
  public Integer call() {
    Path cert =
        new PkiInitializer(Clock.systemUTC())
            .issue(dir, Role.fromPathSegment(role), name, sans, force);
    System.out.println("issued " + cert);
    return 0;
  }
}
