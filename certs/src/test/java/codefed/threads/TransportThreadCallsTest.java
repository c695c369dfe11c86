package codefed.threads;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.rpc.StubServerCall;
import healthcode.federation.v1.AuditServiceGrpc;
import healthcode.federation.v1.RecognitionServiceGrpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Only the named methods stay on the transport thread; every other call goes to the pool. */
class TransportThreadCallsTest {
  private final Executor pool = Runnable::run;

  @Test
  void namedMethods_direct_everythingElse_thePool() {
    var scan = RecognitionServiceGrpc.getRecognizeMethod();
    TransportThreadCalls calls = TransportThreadCalls.only(pool, scan);

    assertThat(executor(calls, scan)).as("null: the server's own executor, direct").isNull();
    assertThat(executor(calls, RecognitionServiceGrpc.getRecognizeStreamMethod())).isSameAs(pool);
    assertThat(executor(calls, AuditServiceGrpc.getListRecordsMethod())).isSameAs(pool);
  }

  @Test
  void noMethodNamed_everyCallOnThePool() {
    assertThat(
            executor(TransportThreadCalls.only(pool), RecognitionServiceGrpc.getRecognizeMethod()))
        .isSameAs(pool);
  }

  private static Executor executor(TransportThreadCalls calls, MethodDescriptor<?, ?> method) {
    return calls.getExecutor(new StubServerCall<>(method), new Metadata());
  }
}
