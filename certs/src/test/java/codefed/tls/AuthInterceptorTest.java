package codefed.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.pki.Role;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.VerifyCodeRequest;
import healthcode.federation.v1.VerifyCodeResponse;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthInterceptorTest {
  private final AtomicInteger invocations = new AtomicInteger();
  private final List<Status.Code> refused = new ArrayList<>();
  private Server server;
  private ManagedChannel channel;

  @AfterEach
  void tearDown() {
    if (channel != null) {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }

  @Test
  void callWithoutTlsSession_isDeniedAndNeverReachesTheService() throws Exception {
    String name = InProcessServerBuilder.generateName();
    RoleTable table =
        RoleTable.builder()
            .allow(ProvinceNodeServiceGrpc.getVerifyCodeMethod(), Role.GATEWAY)
            .build();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(
                new ProvinceNodeServiceGrpc.ProvinceNodeServiceImplBase() {
                  @Override
                  public void verifyCode(
                      VerifyCodeRequest r, StreamObserver<VerifyCodeResponse> o) {
                    invocations.incrementAndGet();
                    o.onNext(VerifyCodeResponse.getDefaultInstance());
                    o.onCompleted();
                  }
                })
            .intercept(new AuthInterceptor(table, "test.codefed", (m, c) -> refused.add(c)))
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();

    assertThatThrownBy(
            () ->
                ProvinceNodeServiceGrpc.newBlockingStub(channel)
                    .verifyCode(VerifyCodeRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
              assertThat(e.getStatus().getDescription()).doesNotContain("Exception");
            });
    assertThat(invocations).hasValue(0);
    assertThat(refused).containsExactly(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void roleTable_deniesMethodsItDoesNotName_andOpensHealth() {
    RoleTable table =
        RoleTable.builder()
            .allow(ProvinceNodeServiceGrpc.getVerifyCodeMethod(), Role.GATEWAY)
            .build();
    assertThat(
            table.allows("healthcode.federation.v1.ProvinceNodeService/VerifyCode", Role.GATEWAY))
        .isTrue();
    assertThat(
            table.allows("healthcode.federation.v1.ProvinceNodeService/VerifyCode", Role.AUDITOR))
        .isFalse();
    assertThat(table.allows("healthcode.federation.v1.ProvinceNodeService/IssueCode", Role.GATEWAY))
        .isFalse();
    assertThat(table.allows("grpc.health.v1.Health/Check", Role.AUDITOR)).isTrue();
  }
}
