package codefed.certs.cli;

import codefed.pki.PkiInitializer;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codefed certs revoke CERT}. */
@Command(
    name = "revoke",
    mixinStandardHelpOptions = true,
    description =
        "Revoke a certificate: add it to the CRL and re-sign the CRL (servers pick it up on the next handshake).")
final class CertsRevokeCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      defaultValue = "pki",
      description = "PKI directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Parameters(index = "0", description = "Certificate file (PEM) to revoke.")
  Path certificate;

  @Override
  public Integer call() {
    BigInteger serial = new PkiInitializer(Clock.systemUTC()).revoke(dir, certificate);
    System.out.println("revoked serial " + serial.toString(16) + "; CRL re-signed");
    return 0;
  }
}
