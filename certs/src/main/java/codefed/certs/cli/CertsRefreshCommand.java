package codefed.certs.cli;

import codefed.pki.PkiInitializer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code codefed certs refresh}: re-sign the CRL and the trust list before they expire. */
@Command(
    name = "refresh",
    mixinStandardHelpOptions = true,
    description = {
      "Re-sign the CRL (same revoked certificates, valid 30 more days) and the trust list (same keys, "
          + "next version, new next_update). Run it daily from a timer, then 'certs bundle' again for "
          + "each party (or copy ca/crl.pem and trust-list.pb to them)."
    })
final class CertsRefreshCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      defaultValue = "pki",
      description = "The authority's PKI directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Override
  public Integer call() {
    PkiInitializer.Refreshed r = new PkiInitializer(Clock.systemUTC()).refresh(dir);
    int revoked =
        r.crl().getRevokedCertificates() == null ? 0 : r.crl().getRevokedCertificates().size();
    System.out.println(
        "CRL re-signed: "
            + revoked
            + " revoked, next update "
            + r.crl().getNextUpdate().toInstant());
    System.out.println(
        "trust list re-signed: version "
            + r.trustListVersion()
            + ", next update "
            + r.trustListNextUpdate());
    return 0;
  }
}
