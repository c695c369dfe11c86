package codefed.gateway.server;

import com.google.common.util.concurrent.MoreExecutors;
import healthcode.federation.v1.RecognitionServiceGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import java.util.concurrent.Executor;

/**
 * Where each inbound call runs. A unary scan is decided on the transport thread that read it:
 * nothing on its path blocks (node calls and the audit log's durability are asynchronous; the
 * costliest step is one signature verification of a new code, tens of microseconds), and a hand-off
 * to a pool per call cost a third of a cached decision's CPU. Every other call (audit queries that
 * read files, streams, health, reflection) keeps the server's pool.
 */
final class ScanCallExecutors implements ServerCallExecutorSupplier {
  @Override
  public <Q, A> Executor getExecutor(ServerCall<Q, A> call, Metadata headers) {
    return call.getMethodDescriptor()
            .getFullMethodName()
            .equals(RecognitionServiceGrpc.getRecognizeMethod().getFullMethodName())
        ? MoreExecutors.directExecutor()
        : null;
  }
}
