package codefed.node.grpc;

import codefed.node.fault.NodeFaults;
import codefed.rpc.status.Replies;
import healthcode.federation.v1.NodeDrillServiceGrpc;
import healthcode.federation.v1.SetFaultRequest;
import healthcode.federation.v1.SetFaultResponse;
import io.grpc.stub.StreamObserver;

/**
 * {@code NodeDrillService}: fault injection for drills, apart from the production service so a node
 * started without the drill flag does not expose it at all.
 */
final class NodeDrillGrpcService extends NodeDrillServiceGrpc.NodeDrillServiceImplBase {
  private final NodeFaults faults;

  NodeDrillGrpcService(NodeFaults faults) {
    this.faults = faults;
  }

  @Override
  public void setFault(SetFaultRequest request, StreamObserver<SetFaultResponse> observer) {
    Replies.unary(
        observer,
        () -> {
          faults.set(ProtoMapping.faults(request));
          return SetFaultResponse.getDefaultInstance();
        });
  }
}
