package codefed.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import healthcode.federation.v1.AuditServiceGrpc;
import healthcode.federation.v1.RecognitionServiceGrpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Only unary scans run on the transport thread; streams and audit reads keep the pool. */
class ScanCallExecutorsTest {
  private final Executor pool = Runnable::run;
  private final ScanCallExecutors executors = new ScanCallExecutors(pool);

  @Test
  void unaryScan_direct_everythingElse_theServersPool() {
    assertThat(
            executors.getExecutor(
                call(RecognitionServiceGrpc.getRecognizeMethod()), new Metadata()))
        .as("null: the server's own executor, direct")
        .isNull();
    assertThat(
            executors.getExecutor(
                call(RecognitionServiceGrpc.getRecognizeStreamMethod()), new Metadata()))
        .isSameAs(pool);
    for (MethodDescriptor<?, ?> method : AuditServiceGrpc.getServiceDescriptor().getMethods()) {
      assertThat(executors.getExecutor(call(method), new Metadata()))
          .as(method.getFullMethodName())
          .isSameAs(pool);
    }
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
