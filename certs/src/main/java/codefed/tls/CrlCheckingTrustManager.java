package codefed.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * PKIX validation against the federation CA with revocation checked against the PKI's CRL
 * (grpc-java has no CRL support of its own). The CRL file is looked at on every handshake, so a
 * {@code certs revoke} takes effect on the next handshake without a restart; a CRL expired beyond
 * its grace means revocation status unknown, which is refused.
 *
 * <p>Each refusal names its reason ({@link HandshakeFailure}): it is reported to the {@link
 * HandshakeDiagnostics} and thrown as the exception that makes TLS send the matching alert.
 */
final class CrlCheckingTrustManager extends X509ExtendedTrustManager {
  private final X509Certificate ca;
  private final CrlCache crl;
  private final HandshakeDiagnostics diagnostics;
  private final X509ExtendedTrustManager pkix;

  CrlCheckingTrustManager(X509Certificate ca, CrlCache crl, HandshakeDiagnostics diagnostics) {
    this.ca = ca;
    this.crl = crl;
    this.diagnostics = diagnostics;
    this.pkix = pkixWithoutRevocation(ca);
  }

  private static X509ExtendedTrustManager pkixWithoutRevocation(X509Certificate ca) {
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      anchors.setCertificateEntry("federation-ca", ca);
      PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, new X509CertSelector());
      params.setRevocationEnabled(false); // checked below against the cached CRL
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(new CertPathTrustManagerParameters(params));
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("no X509ExtendedTrustManager from PKIX");
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot set up PKIX validation: " + e.getMessage(), e);
    }
  }

  /** The checks in order: a certificate, our CA, its validity, PKIX, the CRL. */
  private void check(X509Certificate[] chain, PkixCheck pkixCheck) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw refuse(HandshakeFailure.NO_CERTIFICATE, null, "no certificate presented");
    }
    X509Certificate leaf = chain[0];
    try {
      if (!leaf.getIssuerX500Principal().equals(ca.getSubjectX500Principal())) {
        throw refuse(
            HandshakeFailure.UNKNOWN_CA,
            leaf,
            "issued by " + leaf.getIssuerX500Principal().getName() + ", not the federation CA");
      }
      leaf.verify(ca.getPublicKey());
    } catch (GeneralSecurityException e) {
      throw refuse(HandshakeFailure.UNKNOWN_CA, leaf, "not signed by the federation CA");
    }
    try {
      leaf.checkValidity();
    } catch (CertificateExpiredException e) {
      throw refuse(HandshakeFailure.EXPIRED, leaf, "expired at " + leaf.getNotAfter().toInstant());
    } catch (CertificateNotYetValidException e) {
      throw refuse(
          HandshakeFailure.NOT_YET_VALID,
          leaf,
          "valid only from " + leaf.getNotBefore().toInstant());
    }
    try {
      pkixCheck.run();
    } catch (CertificateException e) {
      throw refuse(HandshakeFailure.BAD_CERTIFICATE, leaf, e.getMessage());
    }
    boolean revoked = crl.isRevokedNow(leaf); // reads a changed CRL first
    if (crl.freshness() == CrlCache.Freshness.EXPIRED) {
      throw refuse(
          HandshakeFailure.CRL_EXPIRED,
          leaf,
          "revocation status unknown: the CRL expired at "
              + crl.nextUpdate()
              + " and its grace is over");
    }
    if (revoked) {
      throw refuse(
          HandshakeFailure.REVOKED,
          leaf,
          "serial " + leaf.getSerialNumber().toString(16) + " is on the CRL");
    }
  }

  private CertificateException refuse(
      HandshakeFailure reason, X509Certificate leaf, String detail) {
    diagnostics.refused(reason, subject(leaf), detail);
    return reason.exception(detail, leaf);
  }

  private static String subject(X509Certificate leaf) {
    if (leaf == null) {
      return "(none)";
    }
    try {
      return PeerCertificates.spiffeId(leaf).toString();
    } catch (RuntimeException e) {
      return leaf.getSubjectX500Principal().getName();
    }
  }

  @FunctionalInterface
  private interface PkixCheck {
    void run() throws CertificateException;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, () -> pkix.checkClientTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, () -> pkix.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, () -> pkix.checkClientTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, () -> pkix.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, () -> pkix.checkClientTrusted(chain, authType));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, () -> pkix.checkServerTrusted(chain, authType));
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {ca};
  }
}
