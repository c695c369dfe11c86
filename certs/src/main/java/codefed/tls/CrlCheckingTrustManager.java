package codefed.tls;

import codefed.pki.PemFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.X509CRL;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * PKIX validation against the federation CA with revocation checked against the PKI's CRL
 * (grpc-java has no CRL support of its own). The CRL file is re-read when it changes, so a
 * {@code certs revoke} takes effect on the next handshake without a restart. If the CRL cannot
 * be read the handshake fails: revocation status unknown means refused.
 */
final class CrlCheckingTrustManager extends X509ExtendedTrustManager {
  private final X509Certificate ca;
  private final Path crlFile;
  private volatile Loaded loaded;

  private record Loaded(FileTime modified, long size, X509ExtendedTrustManager delegate) {}

  CrlCheckingTrustManager(X509Certificate ca, Path crlFile) {
    this.ca = ca;
    this.crlFile = crlFile;
    this.loaded = load();
  }

  private X509ExtendedTrustManager delegate() {
    Loaded l = loaded;
    try {
      if (!Files.getLastModifiedTime(crlFile).equals(l.modified()) || Files.size(crlFile) != l.size()) {
        synchronized (this) {
          l = loaded = load();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("CRL unreadable: " + crlFile, e);
    }
    return l.delegate();
  }

  private Loaded load() {
    try {
      FileTime modified = Files.getLastModifiedTime(crlFile);
      long size = Files.size(crlFile);
      X509CRL crl = PemFiles.readCrl(crlFile);
      crl.verify(ca.getPublicKey());
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      anchors.setCertificateEntry("federation-ca", ca);
      PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, new X509CertSelector());
      params.addCertStore(
          CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
      params.setRevocationEnabled(true);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(new CertPathTrustManagerParameters(params));
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) {
          return new Loaded(modified, size, x);
        }
      }
      throw new IllegalStateException("no X509ExtendedTrustManager from PKIX");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRL " + crlFile, e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("bad CRL " + crlFile + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate().checkClientTrusted(chain, authType, socket);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    delegate().checkServerTrusted(chain, authType, socket);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate().checkClientTrusted(chain, authType, engine);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    delegate().checkServerTrusted(chain, authType, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate().checkClientTrusted(chain, authType);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    delegate().checkServerTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[] {ca};
  }
}
