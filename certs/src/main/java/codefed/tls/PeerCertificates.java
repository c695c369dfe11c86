package codefed.tls;

import codefed.pki.SpiffeId;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Reads the single URI SAN that names a federation member. */
public final class PeerCertificates {
  private static final int URI_SAN = 6;

  private PeerCertificates() {}

  /** Every URI SAN of the certificate. */
  public static List<String> uriSans(X509Certificate cert) {
    List<String> uris = new ArrayList<>();
    try {
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (((Integer) san.get(0)) == URI_SAN) {
            uris.add((String) san.get(1));
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new IllegalArgumentException("unparsable subject alternative names", e);
    }
    return uris;
  }

  /** The certificate's SPIFFE id; exactly one URI SAN is required. */
  public static SpiffeId spiffeId(X509Certificate cert) {
    List<String> uris = uriSans(cert);
    if (uris.size() != 1) {
      throw new IllegalArgumentException("expected exactly one URI SAN, found " + uris.size());
    }
    return SpiffeId.parse(uris.get(0));
  }
}
