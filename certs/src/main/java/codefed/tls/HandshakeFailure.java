package codefed.tls;

import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSsl;
import io.grpc.netty.shaded.io.netty.handler.ssl.OpenSslCertificateException;
import io.grpc.netty.shaded.io.netty.internal.tcnative.CertificateVerifier;
import java.security.cert.CRLReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * Why a peer certificate was refused in the handshake, and the exception that makes the TLS stack
 * send the matching alert (unknown_ca, certificate_revoked, certificate_expired, bad_certificate)
 * instead of internal_error. The label is the metrics' {@code reason}.
 */
public enum HandshakeFailure {
  NO_CERTIFICATE("no_certificate"),
  UNKNOWN_CA("unknown_ca"),
  EXPIRED("expired"),
  NOT_YET_VALID("not_yet_valid"),
  REVOKED("revoked"),
  CRL_EXPIRED("crl_expired"),
  BAD_CERTIFICATE("bad_certificate");

  private final String label;

  HandshakeFailure(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The exception to throw from a trust manager for this failure of {@code leaf}. */
  CertificateException exception(String message, X509Certificate leaf) {
    return switch (this) {
      case EXPIRED -> new CertificateExpiredException(message);
      case NOT_YET_VALID -> new CertificateNotYetValidException(message);
      case REVOKED ->
          new CertificateRevokedException(
              new Date(), CRLReason.UNSPECIFIED, leaf.getIssuerX500Principal(), Map.of()) {
            private static final long serialVersionUID = 1L;

            @Override
            public String getMessage() {
              return message;
            }
          };
      case UNKNOWN_CA ->
          openSsl(message, () -> CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY);
      case CRL_EXPIRED -> openSsl(message, () -> CertificateVerifier.X509_V_ERR_CRL_HAS_EXPIRED);
      case NO_CERTIFICATE, BAD_CERTIFICATE ->
          openSsl(message, () -> CertificateVerifier.X509_V_ERR_CERT_REJECTED);
    };
  }

  /**
   * BoringSSL maps the verifier error code to the alert; the JDK engine sends certificate_unknown.
   */
  private static CertificateException openSsl(String message, IntSupplier errorCode) {
    if (OpenSsl.isAvailable()) {
      return new OpenSslCertificateException(message, errorCode.getAsInt());
    }
    return new CertificateException(message);
  }
}
