package codefed.certs.cli;

import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.signing.SignatureAlgorithms;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code codefed certs init}. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create a federation PKI: root CA, node/gateway/platform identities per province, "
          + "checkpoint-1 (to checkpoint-N with --checkpoints N) and auditor-1, issuer code-signing keys, the signed trust list, an empty CRL.",
      "Existing keys are kept unless --force."
    })
final class CertsInitCommand implements Callable<Integer> {
  @Option(
      names = "--dir",
      defaultValue = "pki",
      description = "PKI directory (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(
      names = "--trust-domain",
      required = true,
      description = "SPIFFE trust domain, e.g. codefed.example.")
  String trustDomain;

  @Option(
      names = "--provinces",
      required = true,
      split = ",",
      description = "Issuers: GB/T 2260 province codes and/or NATIONAL, comma-separated.")
  List<String> provinces;

  @Option(
      names = "--issuer-alg",
      converter = IssuerAlgorithmConverter.class,
      description = "Code-signing algorithm: p256, sm2 or ed25519 (default: the measured fastest).")
  healthcode.federation.v1.SignatureAlgorithm issuerAlg = SignatureAlgorithms.DEFAULT;

  @Option(
      names = "--issuer-keys-valid-from",
      description =
          "Issuer keys valid from this ISO-8601 instant (default: now). Drills replaying 2020 use an earlier date.")
  OffsetDateTime issuerKeysValidFrom;

  @Option(names = "--san", description = "Extra DNS name for server certificates (repeatable).")
  List<String> sans = new ArrayList<>();

  @Option(
      names = "--checkpoints",
      defaultValue = "1",
      paramLabel = "N",
      description =
          "Checkpoint scanner identities to issue, checkpoint-1 .. checkpoint-N: each scanner has its own "
              + "identity and so its own rate limit (default: ${DEFAULT-VALUE}).")
  int checkpoints;

  @Option(names = "--force", description = "Replace existing keys and certificates.")
  boolean force;

  @Override
  public Integer call() {
    for (String p : provinces) {
      IssuerArguments.requireIssuer("--provinces", p);
    }
    Instant notBefore =
        issuerKeysValidFrom == null ? Instant.now() : issuerKeysValidFrom.toInstant();
    PkiDirectory pki =
        new PkiInitializer(Clock.systemUTC())
            .init(
                new PkiInitializer.InitRequest(
                    dir, trustDomain, provinces, issuerAlg, notBefore, sans, force, checkpoints));
    System.out.println("PKI ready in " + pki.root() + " (trust domain " + pki.trustDomain() + ")");
    System.out.println("  CA:          " + pki.caCertificatePath());
    System.out.println("  trust list:  " + pki.trustListPath());
    System.out.println("  CRL:         " + pki.crl());
    System.out.println(
        "  issuers:     "
            + String.join(", ", provinces)
            + " ("
            + SignatureAlgorithms.shortName(issuerAlg)
            + ")");
    System.out.println(
        "  checkpoints: "
            + (checkpoints == 1 ? "checkpoint-1" : "checkpoint-1 .. checkpoint-" + checkpoints));
    return 0;
  }
}
