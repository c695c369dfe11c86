package codefed.gateway.status;

import java.security.cert.CertificateException;

/**
 * Recognizes a call that failed because the server's certificate was not the expected node
 * identity. The certs library fails such handshakes with a {@link CertificateException} whose
 * message starts with "server identity"; gRPC reports the call as {@code UNAVAILABLE} with that
 * exception somewhere in the cause chain.
 */
final class TlsIdentity {
  private static final int MAX_DEPTH = 16;

  private TlsIdentity() {}

  static boolean isMismatch(Throwable failure) {
    Throwable t = failure;
    for (int depth = 0; t != null && depth < MAX_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof CertificateException
          && t.getMessage() != null
          && t.getMessage().startsWith("server identity")) {
        return true;
      }
    }
    return false;
  }
}
