package codefed.node.grpc;

import codefed.node.NodeUnavailableException;
import codefed.node.fault.NodeFaults;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;

/**
 * While the node is taken down, every {@code ProvinceNodeService} RPC answers UNAVAILABLE (the
 * drill service that brings it back up is not behind this interceptor).
 */
final class DownInterceptor implements ServerInterceptor {
  private final NodeFaults faults;

  DownInterceptor(NodeFaults faults) {
    this.faults = faults;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    if (faults.isDown()) {
      StatusRuntimeException down =
          NodeStatusMapper.MAPPER.toException(
              new NodeUnavailableException(NodeUnavailableException.Reason.NODE_DOWN));
      call.close(down.getStatus(), down.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
