package codefed.certs.cli;

import codefed.pki.IssuerKeyLifecycle;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code codefed certs revoke-issuer-key KEY_ID --compromised-since INSTANT}. */
@Command(
    name = "revoke-issuer-key",
    mixinStandardHelpOptions = true,
    description = {
      "Mark a leaked issuer key REVOKED: codes and status assertions it signed at or after the "
          + "compromise instant are rejected (the reason names the key); earlier ones keep verifying "
          + "until they expire. Publishes a new trust list version.",
      "The issuer's ACTIVE key cannot be revoked: rotate it first (certs rotate-issuer-key)."
    })
final class CertsRevokeIssuerKeyCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      defaultValue = "pki",
      description = "PKI directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Parameters(
      index = "0",
      paramLabel = "KEY_ID",
      description = "Key id, e.g. 140000-ed25519-1a2b3c4d (certs show lists them).")
  String keyId;

  @Option(
      names = "--compromised-since",
      required = true,
      description = "ISO-8601 instant with offset from which the key may have been in other hands.")
  OffsetDateTime compromisedSince;

  @Override
  public Integer call() {
    IssuerKeyLifecycle.Revocation r =
        new IssuerKeyLifecycle(Clock.systemUTC()).revoke(dir, keyId, compromisedSince.toInstant());
    System.out.println(
        "issuer "
            + r.issuer()
            + ": key "
            + r.keyId()
            + " REVOKED (was "
            + r.previousStatus().name().substring("KEY_STATUS_".length())
            + "), compromised since "
            + r.compromisedSince());
    System.out.println("  signatures made before then keep verifying; later ones are rejected");
    System.out.println("  trust list version " + r.trustListVersion() + " published");
    return 0;
  }
}
