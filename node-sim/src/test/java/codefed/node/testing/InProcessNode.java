package codefed.node.testing;

import codefed.node.ProvinceNode;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.time.MutableClock;
import codefed.trust.TrustList;
import healthcode.federation.v1.NodeDrillServiceGrpc;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A node of province 140000 served in-process, with stubs that call as a given role. */
public final class InProcessNode implements AutoCloseable {
  public static final String PROVINCE = "140000";

  public final MutableClock clock = MutableClock.at("2020-03-20T09:00:00+08:00");
  public final ProvinceNode node;
  public final TrustList trustList;
  private final ManagedChannel channel;

  public InProcessNode(PkiDirectory pki, UnaryOperator<ProvinceNode.Builder> settings)
      throws Exception {
    String name = InProcessServerBuilder.generateName();
    node =
        settings
            .apply(
                ProvinceNode.builder()
                    .province(PROVINCE)
                    .pki(pki)
                    .clock(clock)
                    .serverBuilder(InProcessServerBuilder.forName(name).directExecutor())
                    .authentication(new HeaderRoleAuthentication()))
            .build();
    node.start();
    trustList = pki.trustList();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
  }

  public ProvinceNodeServiceGrpc.ProvinceNodeServiceBlockingStub blocking(Role role) {
    return ProvinceNodeServiceGrpc.newBlockingStub(channel)
        .withInterceptors(HeaderRoleAuthentication.as(role))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  /** The drill service (present only when the node was built with {@code drills(true)}). */
  public NodeDrillServiceGrpc.NodeDrillServiceBlockingStub drill(Role role) {
    return NodeDrillServiceGrpc.newBlockingStub(channel)
        .withInterceptors(HeaderRoleAuthentication.as(role))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  public ProvinceNodeServiceGrpc.ProvinceNodeServiceStub async(Role role) {
    return ProvinceNodeServiceGrpc.newStub(channel)
        .withInterceptors(HeaderRoleAuthentication.as(role));
  }

  public io.grpc.Channel channel(Role role) {
    return io.grpc.ClientInterceptors.intercept(channel, HeaderRoleAuthentication.as(role));
  }

  @Override
  public void close() {
    channel.shutdownNow();
    node.close();
  }
}
