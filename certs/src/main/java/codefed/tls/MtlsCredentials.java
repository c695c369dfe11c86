package codefed.tls;

import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.SpiffeId;
import io.grpc.ChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * gRPC credentials from a PKI directory: mutual TLS with the federation CA as the only trust anchor
 * and the CRL checked on every handshake. Servers REQUIRE a client certificate.
 */
public final class MtlsCredentials {
  private MtlsCredentials() {}

  public static ServerCredentials server(PkiDirectory pki, Role role, String name) {
    return server(pki, role, name, CrlCache.open(pki), HandshakeDiagnostics.LOG_ONLY);
  }

  /**
   * As {@link #server(PkiDirectory, Role, String)} with the server's own CRL cache (shared with its
   * per-call revocation check) and a report of every refused handshake.
   */
  public static ServerCredentials server(
      PkiDirectory pki, Role role, String name, CrlCache crl, HandshakeDiagnostics diagnostics) {
    try {
      return TlsServerCredentials.newBuilder()
          .keyManager(pki.certificate(role, name).toFile(), pki.privateKey(role, name).toFile())
          .trustManager(new CrlCheckingTrustManager(pki.caCertificate(), crl, diagnostics))
          .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot load TLS identity " + role.pathSegment() + "/" + name, e);
    }
  }

  public static ChannelCredentials client(PkiDirectory pki, Role role, String name) {
    return build(pki, role, name, clientTrust(pki));
  }

  /**
   * As {@link #client(PkiDirectory, Role, String)}, and the server must be {@code expectedServer}.
   */
  public static ChannelCredentials client(
      PkiDirectory pki, Role role, String name, SpiffeId expectedServer) {
    return client(pki, role, name, ServerPin.exactly(expectedServer));
  }

  /**
   * As {@link #client(PkiDirectory, Role, String)}, and the server must be one {@code pin} accepts.
   */
  public static ChannelCredentials client(PkiDirectory pki, Role role, String name, ServerPin pin) {
    return build(pki, role, name, new ExpectedPeerTrustManager(clientTrust(pki), pin));
  }

  private static CrlCheckingTrustManager clientTrust(PkiDirectory pki) {
    return new CrlCheckingTrustManager(
        pki.caCertificate(), CrlCache.open(pki), HandshakeDiagnostics.LOG_ONLY);
  }

  private static ChannelCredentials build(
      PkiDirectory pki, Role role, String name, javax.net.ssl.TrustManager trust) {
    try {
      return TlsChannelCredentials.newBuilder()
          .keyManager(pki.certificate(role, name).toFile(), pki.privateKey(role, name).toFile())
          .trustManager(trust)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot load TLS identity " + role.pathSegment() + "/" + name, e);
    }
  }
}
