package codefed.certs.cli;

import codefed.pki.IssuerKeyLifecycle;
import codefed.signing.SignatureAlgorithms;
import healthcode.federation.v1.SignatureAlgorithm;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code codefed certs rotate-issuer-key --issuer P}. */
@Command(
    name = "rotate-issuer-key",
    mixinStandardHelpOptions = true,
    description = {
      "Give an issuer a new ACTIVE code-signing key and retire the current one: the retired key "
          + "signs nothing new but verifies what it signed before its retirement until those codes "
          + "have expired (14 days + 1 day margin). Publishes a new trust list version.",
      "A running node switches to the new key within its key poll interval (no restart); gateways "
          + "take the new list on their next poll, or at once when they meet the new key."
    })
final class CertsRotateIssuerKeyCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      defaultValue = "pki",
      description = "PKI directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--issuer", required = true, description = "Province code or NATIONAL.")
  String issuer;

  @Option(
      names = "--algorithm",
      converter = IssuerAlgorithmConverter.class,
      description = "p256, sm2 or ed25519 (default: the current key's).")
  SignatureAlgorithm algorithm;

  @Option(
      names = "--switch-over",
      description =
          "The old key's retired_at is this long after now, so what a node signs before it "
              + "notices the new key still verifies (ISO-8601, default: PT1M).")
  Duration switchOver = IssuerKeyLifecycle.DEFAULT_SWITCH_OVER;

  @Override
  public Integer call() {
    IssuerArguments.requireIssuer("--issuer", issuer);
    IssuerKeyLifecycle.Rotation r =
        new IssuerKeyLifecycle(Clock.systemUTC())
            .rotate(dir, issuer, Optional.ofNullable(algorithm), switchOver);
    System.out.println(
        "issuer "
            + r.issuer()
            + ": new ACTIVE key "
            + r.newKeyId()
            + " ("
            + SignatureAlgorithms.shortName(r.algorithm())
            + ", valid until "
            + r.newNotAfter()
            + ")");
    System.out.println(
        "  retired "
            + r.retiredKeyId()
            + " at "
            + r.retiredAt()
            + "; verifies codes it signed before then until "
            + r.retiredUntil());
    System.out.println("  trust list version " + r.trustListVersion() + " published");
    return 0;
  }
}
