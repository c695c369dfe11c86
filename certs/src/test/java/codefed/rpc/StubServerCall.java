package codefed.rpc;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;

/**
 * A server call that does nothing but name its method, carry the transport's attributes and keep
 * the status it was closed with: enough to put a single interceptor or executor choice to the test
 * without a server.
 */
public final class StubServerCall<Q, A> extends ServerCall<Q, A> {
  private final MethodDescriptor<Q, A> method;
  private final Attributes attributes;
  private Status closed;

  public StubServerCall(MethodDescriptor<Q, A> method) {
    this(method, Attributes.EMPTY);
  }

  public StubServerCall(MethodDescriptor<Q, A> method, Attributes attributes) {
    this.method = method;
    this.attributes = attributes;
  }

  /** The status the call was closed with; null while it is open. */
  public Status closed() {
    return closed;
  }

  @Override
  public void request(int numMessages) {}

  @Override
  public void sendHeaders(Metadata headers) {}

  @Override
  public void sendMessage(A message) {}

  @Override
  public void close(Status status, Metadata trailers) {
    closed = status;
  }

  @Override
  public boolean isCancelled() {
    return false;
  }

  @Override
  public MethodDescriptor<Q, A> getMethodDescriptor() {
    return method;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }
}
