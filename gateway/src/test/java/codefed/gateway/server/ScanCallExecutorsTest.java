package codefed.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.MoreExecutors;
import healthcode.federation.v1.AuditServiceGrpc;
import healthcode.federation.v1.RecognitionServiceGrpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

/** Only unary scans run on the transport thread; streams and audit reads keep the pool. */
class ScanCallExecutorsTest {
  private final ScanCallExecutors executors = new ScanCallExecutors();

  @Test
  void unaryScan_direct_everythingElse_theServersPool() {
    assertThat(
            executors.getExecutor(
                call(RecognitionServiceGrpc.getRecognizeMethod()), new Metadata()))
        .isSameAs(MoreExecutors.directExecutor());
    assertThat(
            executors.getExecutor(
                call(RecognitionServiceGrpc.getRecognizeStreamMethod()), new Metadata()))
        .isNull();
    for (MethodDescriptor<?, ?> method : AuditServiceGrpc.getServiceDescriptor().getMethods()) {
      assertThat(executors.getExecutor(call(method), new Metadata()))
          .as(method.getFullMethodName())
          .isNull();
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
