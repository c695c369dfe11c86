package codefed.rpc.status;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Applies a server's {@link ExceptionStatusMapper} to every call, so handlers simply throw or pass
 * the domain exception to {@code onError} ({@link Replies}): an exception thrown from a handler,
 * and a call a handler ends with a non-status exception (which grpc-java would send as a bare
 * {@code UNKNOWN}), both end with the mapped status, details and trailers.
 *
 * <p>Register it first on the server builder, so it runs innermost, next to the services.
 */
public final class StatusExceptionInterceptor implements ServerInterceptor {
  private final ExceptionStatusMapper mapper;

  public StatusExceptionInterceptor(ExceptionStatusMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    MappingCall<Q, A> mapping = new MappingCall<>(call, mapper);
    ServerCall.Listener<Q> listener;
    try {
      listener = next.startCall(mapping, headers); // a streaming handler runs here
    } catch (RuntimeException e) {
      mapping.fail(e);
      return new ServerCall.Listener<>() {};
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        try {
          super.onMessage(message);
        } catch (RuntimeException e) {
          mapping.fail(e);
        }
      }

      @Override
      public void onHalfClose() {
        try {
          super.onHalfClose(); // a unary handler runs here
        } catch (RuntimeException e) {
          mapping.fail(e);
        }
      }

      @Override
      public void onReady() {
        try {
          super.onReady();
        } catch (RuntimeException e) {
          mapping.fail(e);
        }
      }
    };
  }

  /** Maps what the handler ends the call with; closes at most once. */
  private static final class MappingCall<Q, A>
      extends ForwardingServerCall.SimpleForwardingServerCall<Q, A> {
    private final ExceptionStatusMapper mapper;
    private final AtomicBoolean closed = new AtomicBoolean();

    MappingCall(ServerCall<Q, A> call, ExceptionStatusMapper mapper) {
      super(call);
      this.mapper = mapper;
    }

    @Override
    public void close(Status status, Metadata trailers) {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      // What StreamObserver.onError makes of an exception that is not a status exception.
      if (status.getCode() == Status.Code.UNKNOWN
          && status.getDescription() == null
          && status.getCause() != null) {
        StatusRuntimeException mapped =
            mapper.toException(status.getCause(), getMethodDescriptor().getFullMethodName());
        Metadata merged = mapped.getTrailers() == null ? new Metadata() : mapped.getTrailers();
        merged.merge(trailers);
        super.close(mapped.getStatus().withCause(null), merged);
        return;
      }
      super.close(status, trailers);
    }

    void fail(RuntimeException e) {
      if (closed.get()) {
        return;
      }
      StatusRuntimeException mapped =
          mapper.toException(e, getMethodDescriptor().getFullMethodName());
      close(
          mapped.getStatus().withCause(null),
          mapped.getTrailers() == null ? new Metadata() : mapped.getTrailers());
    }
  }
}
