package codefed.tls;

import codefed.pki.SpiffeId;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Client side: after normal validation, the server must present a SPIFFE id its {@link ServerPin}
 * accepts (a node may answer only for its own province, a checkpoint talks only to its
 * jurisdiction's gateways). A mismatch fails the handshake; the message says which identity was
 * expected and which came, also when the certificate fails validation too (a client certificate
 * presented as a server).
 */
final class ExpectedPeerTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager delegate;
  private final ServerPin expected;

  ExpectedPeerTrustManager(X509ExtendedTrustManager delegate, ServerPin expected) {
    this.delegate = delegate;
    this.expected = expected;
  }

  private interface Validation {
    void run() throws CertificateException;
  }

  private void check(X509Certificate[] chain, Validation validation) throws CertificateException {
    try {
      validation.run();
    } catch (CertificateException e) {
      SpiffeId actual = claimedIdentity(chain);
      if (actual != null && !expected.test(actual)) {
        throw new CertificateException(
            "server identity mismatch: expected "
                + expected
                + ", got "
                + actual
                + " (whose certificate is not valid for a server either: "
                + e.getMessage()
                + ")",
            e);
      }
      throw e;
    }
    checkIdentity(chain);
  }

  private static SpiffeId claimedIdentity(X509Certificate[] chain) {
    try {
      return chain == null || chain.length == 0 ? null : PeerCertificates.spiffeId(chain[0]);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private void checkIdentity(X509Certificate[] chain) throws CertificateException {
    SpiffeId actual;
    try {
      actual = PeerCertificates.spiffeId(chain[0]);
    } catch (IllegalArgumentException e) {
      throw new CertificateException("server identity unusable: " + e.getMessage(), e);
    }
    if (!expected.test(actual)) {
      throw new CertificateException(
          "server identity mismatch: expected " + expected + ", got " + actual);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, () -> delegate.checkServerTrusted(chain, authType, engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, () -> delegate.checkServerTrusted(chain, authType, socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    check(chain, () -> delegate.checkServerTrusted(chain, authType));
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
