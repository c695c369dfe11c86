package codefed.pki;

import codefed.trust.TrustListBuilder;
import healthcode.trust.v1.SignedTrustList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

/**
 * Publishes the trust list of a PKI directory: every issuer's keys and their lifecycle, signed by
 * the CA.
 */
final class TrustLists {
  /** Dev PKIs re-publish on every {@code certs init}; a year keeps drills simple. */
  static final Duration VALIDITY = Duration.ofDays(365);

  private TrustLists() {}

  /**
   * Signs and writes a new version: every issuer's keys with their lifecycle, leaving out retired
   * and revoked keys whose last codes have expired. Returns the version written.
   */
  static long publish(PkiLayout layout, CertificateAuthority ca, Instant now) {
    long version = previousVersion(layout) + 1;
    TrustListBuilder b =
        TrustListBuilder.create(PkiDirectory.open(layout.root()).trustDomain())
            .version(version)
            .issuedAt(now)
            .nextUpdate(now.plus(VALIDITY));
    for (String issuer : IssuerKeys.issuers(layout)) {
      b.addIssuer(issuer);
      for (IssuerKeyRecord k : IssuerKeys.history(layout, issuer)) {
        if (k.listedAt(now)) {
          b.addKey(issuer, k.toProto(layout.issuerDir(issuer)));
        }
      }
    }
    try {
      b.writeTo(layout.trustList(), ca.privateKey(), ca.certificate());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + layout.trustList(), e);
    }
    return version;
  }

  private static long previousVersion(PkiLayout layout) {
    if (!Files.exists(layout.trustList())) {
      return 0;
    }
    try {
      SignedTrustList s = SignedTrustList.parseFrom(Files.readAllBytes(layout.trustList()));
      return healthcode.trust.v1.TrustList.parseFrom(s.getTrustList()).getVersion();
    } catch (IOException e) {
      return 0; // an unreadable old list is replaced; versions restart
    }
  }
}
