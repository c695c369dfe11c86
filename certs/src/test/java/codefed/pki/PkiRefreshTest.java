package codefed.pki;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.signing.SignatureAlgorithms;
import codefed.trust.TrustList;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code certs refresh}: a CRL and trust list that a timer keeps valid, with nothing else changed.
 */
class PkiRefreshTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  @TempDir Path dir;

  @Test
  void refresh_extendsTheCrlKeepingRevokedEntries_andBumpsTheTrustListWithTheSameKeys()
      throws Exception {
    PkiInitializer atT0 = new PkiInitializer(Clock.fixed(T0, ZoneOffset.UTC));
    PkiDirectory pki =
        atT0.init(
            new PkiInitializer.InitRequest(
                dir,
                TestPki.TRUST_DOMAIN,
                List.of("140000", "NATIONAL"),
                SignatureAlgorithms.DEFAULT,
                TestPki.ISSUER_KEYS_NOT_BEFORE,
                List.of(),
                false));
    BigInteger serial = atT0.revoke(pki.root(), pki.certificate(Role.CHECKPOINT, "checkpoint-1"));
    X509CRL before = PemFiles.readCrl(pki.crl());
    TrustList listBefore = TrustList.load(pki.trustListPath(), pki.caCertificate(), T0);
    assertThat(before.getNextUpdate().toInstant()).isEqualTo(T0.plus(Duration.ofDays(30)));

    Instant later = T0.plus(Duration.ofDays(20));
    PkiInitializer.Refreshed r =
        new PkiInitializer(Clock.fixed(later, ZoneOffset.UTC)).refresh(pki.root());

    X509CRL after = PemFiles.readCrl(pki.crl());
    after.verify(pki.caCertificate().getPublicKey());
    assertThat(after.getNextUpdate().toInstant())
        .isEqualTo(later.plus(Duration.ofDays(30)))
        .isAfter(before.getNextUpdate().toInstant());
    assertThat(after.getRevokedCertificates()).hasSize(1);
    assertThat(after.getRevokedCertificate(serial).getRevocationDate().toInstant()).isEqualTo(T0);
    TrustList listAfter = TrustList.load(pki.trustListPath(), pki.caCertificate(), later);
    assertThat(listAfter.version())
        .isEqualTo(listBefore.version() + 1)
        .isEqualTo(r.trustListVersion());
    assertThat(listAfter.nextUpdate())
        .isEqualTo(later.plus(TrustLists.VALIDITY))
        .isEqualTo(r.trustListNextUpdate());
    for (String issuer : listBefore.issuers()) {
      assertThat(listAfter.keys(issuer)).isEqualTo(listBefore.keys(issuer));
    }
    assertThat(listAfter.issuers()).isEqualTo(listBefore.issuers());
    PkiBundlesTest.assertModes(pki.root().resolve("ca"));
  }
}
