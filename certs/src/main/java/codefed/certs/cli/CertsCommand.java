package codefed.certs.cli;

import picocli.CommandLine.Command;

/** {@code codefed certs}: the federation PKI. */
@Command(
    name = "certs",
    mixinStandardHelpOptions = true,
    description =
        "Federation PKI: create, issue, revoke, refresh and show certificates and keys; bundle one party's credentials; rotate and revoke issuer keys.",
    subcommands = {
      CertsInitCommand.class,
      CertsIssueCommand.class,
      CertsIssueAuditKeyCommand.class,
      CertsRevokeCommand.class,
      CertsRefreshCommand.class,
      CertsBundleCommand.class,
      CertsRotateIssuerKeyCommand.class,
      CertsRevokeIssuerKeyCommand.class,
      CertsShowCommand.class
    })
public final class CertsCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
