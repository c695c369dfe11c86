package codefed.certs.cli;

import codefed.pki.AuditSigningKeys;
import codefed.pki.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codefed certs issue-audit-key ROLE NAME --out DIR}. */
@Command(
    name = "issue-audit-key",
    mixinStandardHelpOptions = true,
    description = {
      "Create an audit-signing key (P-256, PKCS#8, 0600) and its CA certificate for ROLE/NAME in "
          + "DIR, apart from the TLS bundle: it signs checkpoints and receipts (gateway) or "
          + "cosignatures (auditor running a witness).",
      "The certificate carries only the document-signing extended key usage, so no TLS stack "
          + "accepts it as a client or server certificate."
    })
final class CertsIssueAuditKeyCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      defaultValue = "pki",
      description = "PKI directory holding the CA (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "Where to write audit.key and audit.crt (outside the PKI directory).")
  Path out;

  @Parameters(index = "0", description = "Role: gateway or auditor.")
  String role;

  @Parameters(index = "1", description = "Name of the identity, e.g. 150000.")
  String name;

  @Option(names = "--force", description = "Replace an existing audit key in DIR.")
  boolean force;

  @Override
  public Integer call() {
    Role r = Role.fromPathSegment(role);
    if (r != Role.GATEWAY && r != Role.AUDITOR) {
      throw new IllegalArgumentException("role: \"" + role + "\" (expected: gateway or auditor)");
    }
    Path cert = AuditSigningKeys.issue(dir, r, name, out, force, Clock.systemUTC());
    System.out.println("issued " + cert);
    return 0;
  }
}
