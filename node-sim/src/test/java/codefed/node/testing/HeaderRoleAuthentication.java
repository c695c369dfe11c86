package codefed.node.testing;

import codefed.node.grpc.NodeRoles;
import codefed.pki.Role;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * In-process stand-in for the mTLS {@code AuthInterceptor}: the caller's role comes from a
 * header instead of a certificate, and the node's real {@link NodeRoles} table decides. (The
 * certificate path itself is covered by the end-to-end mTLS test.)
 */
public final class HeaderRoleAuthentication implements ServerInterceptor {
  static final Metadata.Key<String> ROLE = Metadata.Key.of("x-test-role", Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String role = headers.get(ROLE);
    if (role == null) {
      call.close(Status.UNAUTHENTICATED.withDescription("no role"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    if (!NodeRoles.table().allows(call.getMethodDescriptor().getFullMethodName(), Role.valueOf(role))) {
      call.close(Status.PERMISSION_DENIED.withDescription("role " + role), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }

  /** A client interceptor that calls as {@code role}. */
  public static ClientInterceptor as(Role role) {
    return new ClientInterceptor() {
      @Override
      public <Q, A> ClientCall<Q, A> interceptCall(
          MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
          @Override
          public void start(Listener<A> listener, Metadata headers) {
            headers.put(ROLE, role.name());
            super.start(listener, headers);
          }
        };
      }
    };
  }
}
