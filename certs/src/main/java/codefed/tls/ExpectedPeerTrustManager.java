package codefed.tls;

import codefed.pki.SpiffeId;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Client side: after normal validation, the server must present exactly the expected SPIFFE id
 * (a node may answer only for its own province). A mismatch fails the handshake.
 */
final class ExpectedPeerTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager delegate;
  private final SpiffeId expected;

  ExpectedPeerTrustManager(X509ExtendedTrustManager delegate, SpiffeId expected) {
    this.delegate = delegate;
    this.expected = expected;
  }

  private void checkIdentity(X509Certificate[] chain) throws CertificateException {
    SpiffeId actual;
    try {
      actual = PeerCertificates.spiffeId(chain[0]);
    } catch (IllegalArgumentException e) {
      throw new CertificateException("server identity unusable: " + e.getMessage(), e);
    }
    if (!actual.equals(expected)) {
      throw new CertificateException(
          "server identity mismatch: expected " + expected + ", got " + actual);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType, engine);
    checkIdentity(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType, socket);
    checkIdentity(chain);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate.checkServerTrusted(chain, authType);
    checkIdentity(chain);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("client-side trust manager");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("client-side trust manager");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("client-side trust manager");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }
}
