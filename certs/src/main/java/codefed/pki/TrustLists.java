package codefed.pki;

import codefed.trust.TrustListBuilder;
import healthcode.federation.v1.KeyStatus;
import healthcode.federation.v1.SignedTrustList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

/** Publishes the trust list of a PKI directory: every issuer's active key, signed by the CA. */
final class TrustLists {
  /** Dev PKIs re-publish on every {@code certs init}; a year keeps drills simple. */
  static final Duration VALIDITY = Duration.ofDays(365);

  private TrustLists() {}

  static void publish(PkiLayout layout, CertificateAuthority ca, Instant now) {
    TrustListBuilder b =
        TrustListBuilder.create(PkiDirectory.open(layout.root()).trustDomain())
            .version(previousVersion(layout) + 1)
            .issuedAt(now)
            .nextUpdate(now.plus(VALIDITY));
    for (String issuer : IssuerKeys.issuers(layout)) {
      IssuerKeys.ActiveKey k = IssuerKeys.active(layout, issuer);
      b.addKey(issuer, k.algorithm(), k.readPublicKey(), k.notBefore(), k.notAfter(), KeyStatus.KEY_STATUS_ACTIVE);
    }
    try {
      b.writeTo(layout.trustList(), ca.privateKey(), ca.certificate());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + layout.trustList(), e);
    }
  }

  private static long previousVersion(PkiLayout layout) {
    if (!Files.exists(layout.trustList())) {
      return 0;
    }
    try {
      SignedTrustList s = SignedTrustList.parseFrom(Files.readAllBytes(layout.trustList()));
      return healthcode.federation.v1.TrustList.parseFrom(s.getTrustList()).getVersion();
    } catch (IOException e) {
      return 0; // an unreadable old list is replaced; versions restart
    }
  }
}
