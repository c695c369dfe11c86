package codefed.gateway.testing;

import codefed.gateway.server.CallerContext;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;

/**
 * In-process stand-in for mTLS authentication: the caller's name comes from a test header (default
 * "checkpoint-1"). Never used outside tests.
 */
public final class TestCallers implements ServerInterceptor {
  static final Metadata.Key<String> CALLER =
      Metadata.Key.of("x-test-caller", Metadata.ASCII_STRING_MARSHALLER);

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String name = headers.get(CALLER);
    return Contexts.interceptCall(
        CallerContext.with(name == null ? "checkpoint-1" : name), call, headers, next);
  }

  /** The stub, calling as {@code name}. */
  public static <S extends AbstractStub<S>> S as(S stub, String name) {
    Metadata headers = new Metadata();
    headers.put(CALLER, name);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }
}
