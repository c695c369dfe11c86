package codefed.tls;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.security.cert.X509Certificate;

/**
 * Keeps a long call (a stream) honest after it was authorized: before each message in either
 * direction the caller's certificate is checked against the current CRL, and once it is revoked the
 * call is closed {@code UNAUTHENTICATED} and nothing more is delivered or sent.
 */
final class RevocationGuard<Q, A> extends ForwardingServerCall.SimpleForwardingServerCall<Q, A> {
  static final Status REVOKED = Status.UNAUTHENTICATED.withDescription("certificate revoked");

  private final X509Certificate leaf;
  private final CrlCache crl;
  private final Runnable onRevoked;
  private boolean closed;

  RevocationGuard(ServerCall<Q, A> call, X509Certificate leaf, CrlCache crl, Runnable onRevoked) {
    super(call);
    this.leaf = leaf;
    this.crl = crl;
    this.onRevoked = onRevoked;
  }

  /** The service's listener, with each inbound message checked first. */
  ServerCall.Listener<Q> listener(ServerCall.Listener<Q> delegate) {
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        if (!revoked()) {
          super.onMessage(message);
        }
      }
    };
  }

  @Override
  public synchronized void sendMessage(A message) {
    if (!revoked()) {
      super.sendMessage(message);
    }
  }

  @Override
  public synchronized void close(Status status, Metadata trailers) {
    if (!closed) {
      closed = true;
      super.close(status, trailers);
    }
  }

  /** Whether the call is over because the certificate was revoked (closing it if just found). */
  private synchronized boolean revoked() {
    if (closed) {
      return true;
    }
    if (!crl.isRevoked(leaf)) {
      return false;
    }
    onRevoked.run();
    close(REVOKED, new Metadata());
    return true;
  }
}
