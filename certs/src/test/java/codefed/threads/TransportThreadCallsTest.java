package codefed.threads;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Only the named methods stay on the transport thread; every other call goes to the pool. */
class TransportThreadCallsTest {
  private final Executor pool = Runnable::run;

  @Test
  void namedMethods_direct_everythingElse_thePool() {
    var scan = method("healthcode.federation.v1.RecognitionService/Recognize");
    var stream = method("healthcode.federation.v1.RecognitionService/RecognizeStream");
    var query = method("healthcode.federation.v1.AuditService/Query");
    TransportThreadCalls calls = TransportThreadCalls.only(pool, scan);

    assertThat(calls.getExecutor(call(scan), new Metadata()))
        .as("null: the server's own executor, direct")
        .isNull();
    assertThat(calls.getExecutor(call(stream), new Metadata())).isSameAs(pool);
    assertThat(calls.getExecutor(call(query), new Metadata())).isSameAs(pool);
  }

  @Test
  void noMethodNamed_everyCallOnThePool() {
    var scan = method("healthcode.federation.v1.RecognitionService/Recognize");
    assertThat(TransportThreadCalls.only(pool).getExecutor(call(scan), new Metadata()))
        .isSameAs(pool);
  }

  private static MethodDescriptor<byte[], byte[]> method(String fullName) {
    MethodDescriptor.Marshaller<byte[]> bytes =
        new MethodDescriptor.Marshaller<>() {
          @Override
          public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
          }

          @Override
          public byte[] parse(InputStream stream) {
            return new byte[0];
          }
        };
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(fullName)
        .setRequestMarshaller(bytes)
        .setResponseMarshaller(bytes)
        .build();
  }

  private static <Q, A> ServerCall<Q, A> call(MethodDescriptor<Q, A> method) {
    return new ServerCall<>() {
      @Override
      public void request(int numMessages) {}

      @Override
      public void sendHeaders(Metadata headers) {}

      @Override
      public void sendMessage(A message) {}

      @Override
      public void close(Status status, Metadata trailers) {}

      @Override
      public boolean isCancelled() {
        return false;
      }

      @Override
      public MethodDescriptor<Q, A> getMethodDescriptor() {
        return method;
      }
    };
  }
}
