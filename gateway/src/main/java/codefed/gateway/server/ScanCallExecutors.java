package codefed.gateway.server;

import healthcode.federation.v1.RecognitionServiceGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Where each inbound call runs. The server's own executor is {@code directExecutor()}, so gRPC
 * looks the method up on the transport thread that read the call, and asks this supplier where the
 * rest of the call runs. A unary scan stays on that thread: nothing on its path blocks (node calls
 * and the audit log's durability are asynchronous; the costliest step is one signature verification
 * of a new code, tens of microseconds), and a hand-off to a pool per call cost a third of a cached
 * decision's CPU. Every other call (audit queries that read files, streams, health, reflection)
 * moves to the pool.
 *
 * <p>gRPC runs the method lookup on the server's executor before it asks the supplier, so a server
 * whose own executor is the pool hands every scan to the pool once anyway; hence the direct default
 * and the pool named here.
 */
final class ScanCallExecutors implements ServerCallExecutorSupplier {
  private final Executor pool;

  ScanCallExecutors(Executor pool) {
    this.pool = Objects.requireNonNull(pool, "pool");
  }

  @Override
  public <Q, A> Executor getExecutor(ServerCall<Q, A> call, Metadata headers) {
    return call.getMethodDescriptor()
            .getFullMethodName()
            .equals(RecognitionServiceGrpc.getRecognizeMethod().getFullMethodName())
        ? null
        : pool;
  }
}
