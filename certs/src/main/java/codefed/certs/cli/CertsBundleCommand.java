package codefed.certs.cli;

import codefed.pki.PkiBundles;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codefed certs bundle ROLE NAME --out DIR}: one party's credentials, nothing else. */
@Command(
    name = "bundle",
    mixinStandardHelpOptions = true,
    description = {
      "Write what one party runs with into its own directory, in the layout of a PKI directory: "
          + "its certificate and key, the CA certificate, the CRL, the trust list; a node also its own "
          + "province's issuer keys, an auditor the gateway certificates. Never the CA key or another party's key.",
      "Run it again on the same --out to refresh the bundle (files replaced atomically, keys 0600)."
    })
final class CertsBundleCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      defaultValue = "pki",
      description = "The authority's PKI directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Parameters(index = "0", description = "Role: node, gateway, checkpoint, auditor or platform.")
  String role;

  @Parameters(index = "1", description = "Name, e.g. a province code or checkpoint-1.")
  String name;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The bundle directory (new, or an earlier bundle of the same party).")
  Path out;

  @Option(
      names = "--jurisdiction",
      paramLabel = "CODE",
      description =
          "Checkpoints only: the jurisdiction whose gateway this checkpoint scans at; 'codefed scan' then accepts only that gateway.")
  String jurisdiction;

  @Override
  public Integer call() {
    if (jurisdiction != null) {
      IssuerArguments.requireIssuer("--jurisdiction", jurisdiction);
    }
    PkiDirectory bundle =
        PkiBundles.write(
            dir, Role.fromPathSegment(role), name, out, Optional.ofNullable(jurisdiction));
    System.out.println(
        "bundle of "
            + bundle.bundleOwner().orElseThrow()
            + " in "
            + bundle.root()
            + bundle
                .boundJurisdiction()
                .map(j -> " (scans at gateway/" + j + " and gateway/" + j + "-<member>)")
                .orElse(""));
    return 0;
  }
}
