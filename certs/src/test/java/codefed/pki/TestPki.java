package codefed.pki;

import healthcode.federation.v1.SignatureAlgorithm;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** A complete PKI for tests, made by the same code as {@code codefed certs init}. */
public final class TestPki {
  public static final String TRUST_DOMAIN = "test.codefed";

  /** Issuer keys valid from here, so tests may scan at the seeds' 2020 instants. */
  public static final Instant ISSUER_KEYS_NOT_BEFORE = Instant.parse("2019-12-01T00:00:00Z");

  private TestPki() {}

  public static PkiDirectory create(Path dir, String... issuers) {
    return create(dir, SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519, issuers);
  }

  public static PkiDirectory create(Path dir, SignatureAlgorithm alg, String... issuers) {
    return new PkiInitializer(Clock.systemUTC())
        .init(
            new PkiInitializer.InitRequest(
                dir,
                TRUST_DOMAIN,
                List.of(issuers),
                alg,
                ISSUER_KEYS_NOT_BEFORE,
                List.of(),
                false));
  }

  /** The CA of a PKI directory, for tests that craft unusual certificates. */
  public static CertificateAuthority ca(PkiDirectory pki) {
    return PkiInitializer.loadCa(pki.layout());
  }
}
