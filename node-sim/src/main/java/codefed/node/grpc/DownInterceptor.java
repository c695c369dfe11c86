package codefed.node.grpc;

import codefed.node.fault.NodeFaults;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/** While the node is taken down, every node RPC but {@code SetFault} answers UNAVAILABLE. */
final class DownInterceptor implements ServerInterceptor {
  private static final String SET_FAULT = ProvinceNodeServiceGrpc.getSetFaultMethod().getFullMethodName();

  private final NodeFaults faults;

  DownInterceptor(NodeFaults faults) {
    this.faults = faults;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    if (faults.isDown() && !call.getMethodDescriptor().getFullMethodName().equals(SET_FAULT)) {
      call.close(StatusMapping.unavailable("node down").getStatus(), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
