package codefed.gateway.server;

import codefed.tls.Principal;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** Runs after {@code AuthInterceptor}: exposes the principal's name as {@link CallerContext}. */
final class CallerNameInterceptor implements ServerInterceptor {
  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    return Contexts.interceptCall(
        CallerContext.with(Principal.current().name()), call, headers, next);
  }
}
