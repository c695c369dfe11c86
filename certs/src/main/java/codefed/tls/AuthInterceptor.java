package codefed.tls;

import codefed.pki.SpiffeId;
import codefed.rpc.status.RpcError;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Turns the TLS peer certificate into a {@link Principal} in {@link Context} and enforces the
 * {@link RoleTable}. No usable identity → {@code UNAUTHENTICATED}; a role the table does not allow
 * → {@code PERMISSION_DENIED}. Any exception on this path denies the call: it never reaches the
 * service.
 *
 * <p>With a {@link CrlCache}, every call (and every message of a stream) is also checked against
 * the current CRL: a certificate revoked after its connection was opened is refused {@code
 * UNAUTHENTICATED} "certificate revoked" within the cache's re-check interval.
 */
public final class AuthInterceptor implements ServerInterceptor {
  private static final Logger LOG = Logger.getLogger(AuthInterceptor.class.getName());

  private final RoleTable roles;
  private final String trustDomain;
  private final SecurityEvents events;
  private final CrlCache crl;

  /** Where a TLS session keeps the principal this interceptor found in it. */
  private final String sessionKey;

  /** Listener for refused calls (metrics); must not throw. */
  public interface SecurityEvents {
    void refused(String method, Status.Code code);
  }

  public AuthInterceptor(RoleTable roles, String trustDomain) {
    this(roles, trustDomain, (m, c) -> {});
  }

  public AuthInterceptor(RoleTable roles, String trustDomain, SecurityEvents events) {
    this(roles, trustDomain, events, null);
  }

  /**
   * Also refuses calls whose certificate is on the current CRL ({@code crl} null: no such check).
   */
  public AuthInterceptor(RoleTable roles, String trustDomain, SecurityEvents events, CrlCache crl) {
    this.roles = Objects.requireNonNull(roles, "roles");
    this.trustDomain = Objects.requireNonNull(trustDomain, "trustDomain");
    this.events = Objects.requireNonNull(events, "events");
    this.crl = crl;
    this.sessionKey = AuthInterceptor.class.getName() + "/" + trustDomain;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    X509Certificate leaf;
    Principal principal;
    try {
      SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
      leaf = leaf(session);
      principal = principal(session, leaf);
    } catch (RuntimeException | SSLPeerUnverifiedException e) {
      LOG.log(Level.WARNING, "refused " + method + ": " + e.getMessage());
      return deny(
          call, Status.UNAUTHENTICATED.withDescription("client identity not accepted"), method);
    }
    try {
      if (crl != null && crl.isRevoked(leaf)) {
        LOG.log(
            Level.WARNING, "refused " + method + " to " + principal.id() + ": certificate revoked");
        return deny(call, RevocationGuard.REVOKED, method);
      }
      if (!roles.allows(method, principal.role())) {
        LOG.log(
            Level.WARNING, "refused " + method + " to " + principal.id() + ": role not allowed");
        // The rule is named twice: in the message, and as ErrorInfo for programs.
        StatusRuntimeException denied =
            RpcError.of(
                    Status.Code.PERMISSION_DENIED,
                    "role " + principal.role().pathSegment() + " may not call " + method)
                .reason("ROLE_NOT_ALLOWED")
                .metadata("role", principal.role().pathSegment())
                .metadata("method", method)
                .toException();
        return deny(call, denied.getStatus(), denied.getTrailers(), method);
      }
      Context ctx = Context.current().withValue(Principal.KEY, principal);
      if (crl == null) {
        return Contexts.interceptCall(ctx, call, headers, next);
      }
      RevocationGuard<Q, A> guarded =
          new RevocationGuard<>(
              call,
              leaf,
              crl,
              () -> {
                LOG.warning("closed " + method + " of " + principal.id() + ": certificate revoked");
                refusedEvent(method, Status.Code.UNAUTHENTICATED);
              });
      return guarded.listener(Contexts.interceptCall(ctx, guarded, headers, next));
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, "auth path failed for " + method, e);
      return deny(call, Status.UNAUTHENTICATED.withDescription("authentication failed"), method);
    }
  }

  private static X509Certificate leaf(SSLSession session) throws SSLPeerUnverifiedException {
    if (session == null) {
      throw new IllegalStateException("not a TLS connection");
    }
    Certificate[] chain = session.getPeerCertificates();
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) {
      throw new IllegalStateException("no X.509 peer certificate");
    }
    return leaf;
  }

  /**
   * The caller's principal, parsed from the certificate's URI SAN once per TLS session (every call
   * of a connection shares its session) and kept in the session under the certificate it came from.
   */
  private Principal principal(SSLSession session, X509Certificate leaf) {
    if (session.getValue(sessionKey) instanceof Authenticated known && known.leaf() == leaf) {
      return known.principal();
    }
    Principal principal = authenticate(leaf);
    session.putValue(sessionKey, new Authenticated(leaf, principal));
    return principal;
  }

  private record Authenticated(X509Certificate leaf, Principal principal) {}

  private Principal authenticate(X509Certificate leaf) {
    SpiffeId id = PeerCertificates.spiffeId(leaf);
    if (!id.trustDomain().equals(trustDomain)) {
      throw new IllegalStateException("foreign trust domain " + id.trustDomain());
    }
    return new Principal(id);
  }

  private <Q, A> ServerCall.Listener<Q> deny(ServerCall<Q, A> call, Status status, String method) {
    return deny(call, status, new Metadata(), method);
  }

  private <Q, A> ServerCall.Listener<Q> deny(
      ServerCall<Q, A> call, Status status, Metadata trailers, String method) {
    refusedEvent(method, status.getCode());
    call.close(status, trailers);
    return new ServerCall.Listener<>() {};
  }

  private void refusedEvent(String method, Status.Code code) {
    try {
      events.refused(method, code);
    } catch (RuntimeException ignored) {
      // metrics must never turn a denial into something else
    }
  }
}
