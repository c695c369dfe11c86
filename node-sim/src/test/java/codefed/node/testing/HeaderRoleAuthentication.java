package codefed.node.testing;

import codefed.node.grpc.NodeRoles;
import codefed.pki.Role;
import codefed.pki.SpiffeId;
import codefed.pki.TestPki;
import codefed.tls.Principal;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * In-process stand-in for the mTLS {@code AuthInterceptor}: the caller's role and name come from
 * headers instead of a certificate, the node's real {@link NodeRoles} table decides, and the caller
 * is put in the context as the real interceptor does (so the node's per-province write authority
 * applies). The certificate path itself is covered by the mTLS tests.
 */
public final class HeaderRoleAuthentication implements ServerInterceptor {
  static final Metadata.Key<String> ROLE =
      Metadata.Key.of("x-test-role", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> NAME =
      Metadata.Key.of("x-test-name", Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String role = headers.get(ROLE);
    if (role == null) {
      call.close(Status.UNAUTHENTICATED.withDescription("no role"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    if (!NodeRoles.table()
        .allows(call.getMethodDescriptor().getFullMethodName(), Role.valueOf(role))) {
      call.close(Status.PERMISSION_DENIED.withDescription("role " + role), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    String name = headers.get(NAME);
    Principal caller = new Principal(new SpiffeId(TestPki.TRUST_DOMAIN, Role.valueOf(role), name));
    return Contexts.interceptCall(caller.bindTo(Context.current()), call, headers, next);
  }

  /** A client interceptor that calls as {@code role} of the in-process node's province. */
  public static ClientInterceptor as(Role role) {
    return as(role, InProcessNode.PROVINCE);
  }

  /** A client interceptor that calls as {@code role}/{@code name}. */
  public static ClientInterceptor as(Role role, String name) {
    return new ClientInterceptor() {
      @Override
      public <Q, A> ClientCall<Q, A> interceptCall(
          MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(
            next.newCall(method, options)) {
          @Override
          public void start(Listener<A> listener, Metadata headers) {
            headers.put(ROLE, role.name());
            headers.put(NAME, name);
            super.start(listener, headers);
          }
        };
      }
    };
  }
}
