package codefed.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.node.ProvinceNode;
import codefed.node.population.PopulationGenerator;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.TestPki;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.GetIssuerKeysRequest;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.VerifyCodeRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over real mTLS, a gateway's VerifyCode runs on the transport thread that read it; other calls run
 * on the node's pool.
 */
class NodeCallThreadsTest {
  private static final Instant NOW = Instant.parse("2020-03-20T01:00:00Z");

  @TempDir Path dir;

  @Test
  void verifyCode_onTheTransportThread_otherCalls_onThePool() throws Exception {
    PkiDirectory pki = TestPki.create(dir, "140000", "150000");
    List<String> verifyThreads = new CopyOnWriteArrayList<>();
    List<String> otherThreads = new CopyOnWriteArrayList<>();
    ServerInterceptor threads =
        new ServerInterceptor() {
          @Override
          public <Q, A> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            String method = call.getMethodDescriptor().getFullMethodName();
            (method.endsWith("/VerifyCode") ? verifyThreads : otherThreads)
                .add(Thread.currentThread().getName());
            return next.startCall(call, headers);
          }
        };
    try (ProvinceNode node =
        ProvinceNode.builder()
            .province("140000")
            .pki(pki)
            .serverBuilder(NodeServer.mtls(0, pki, "140000").intercept(threads))
            .clock(Clock.fixed(NOW, ZoneOffset.ofHours(8)))
            .population(10, 7)
            .build()) {
      int port = node.start();
      ManagedChannel gateway = NodeChannels.to(port, pki, Role.GATEWAY, "150000", "140000");
      try {
        var stub = ProvinceNodeServiceGrpc.newBlockingStub(gateway);
        byte[] id = new PopulationGenerator("140000", 7).resident(3, NOW).codeId().toBytes();
        for (int i = 0; i < 20; i++) {
          stub.withDeadlineAfter(10, TimeUnit.SECONDS)
              .verifyCode(
                  VerifyCodeRequest.newBuilder()
                      .setCodeId(ByteString.copyFrom(id))
                      .setNonce(ByteString.copyFromUtf8("nonce-" + i + "-threads"))
                      .build());
        }
        stub.withDeadlineAfter(10, TimeUnit.SECONDS)
            .getIssuerKeys(GetIssuerKeysRequest.getDefaultInstance());
      } finally {
        gateway.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }

    assertThat(verifyThreads)
        .hasSize(20)
        .allSatisfy(name -> assertThat(name).startsWith("grpc-default-worker"));
    assertThat(otherThreads)
        .isNotEmpty()
        .allSatisfy(name -> assertThat(name).startsWith("node-140000-call"));
  }
}
