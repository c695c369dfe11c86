package codefed.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.node.ProvinceNode;
import codefed.node.declaration.Declarations;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.SpiffeId;
import codefed.pki.TestPki;
import codefed.time.MutableClock;
import codefed.tls.Principal;
import healthcode.federation.v1.IssueCodeRequest;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rule itself, and that a write with no authenticated caller in the context is denied. */
class ProvinceAuthorityTest {
  @TempDir static Path dir;
  static PkiDirectory pki;

  @BeforeAll
  static void pki() {
    pki = TestPki.create(dir, "140000");
  }

  @Test
  void refusal_ownPlatform_none_otherPlatformOrRole_namesTheRule() {
    assertThat(ProvinceAuthority.refusal(caller(Role.PLATFORM, "140000"), "140000")).isEmpty();
    assertThat(ProvinceAuthority.refusal(caller(Role.PLATFORM, "NATIONAL"), "NATIONAL")).isEmpty();
    assertThat(ProvinceAuthority.refusal(caller(Role.PLATFORM, "NATIONAL"), "140000"))
        .contains("platform/NATIONAL may write only on node NATIONAL; this is node 140000");
    assertThat(ProvinceAuthority.refusal(caller(Role.PLATFORM, "140000"), "NATIONAL"))
        .contains("platform/140000 may write only on node 140000; this is node NATIONAL");
    assertThat(ProvinceAuthority.refusal(caller(Role.NODE, "140000"), "140000"))
        .contains("only platform/140000 may write on node 140000; the caller is node/140000");
  }

  @Test
  void write_withoutACallerInTheContext_permissionDenied_andNoCodeIssued() throws Exception {
    String name = InProcessServerBuilder.generateName();
    ServerInterceptor lettingEverythingThrough =
        new ServerInterceptor() {
          @Override
          public <Q, A> io.grpc.ServerCall.Listener<Q> interceptCall(
              io.grpc.ServerCall<Q, A> call,
              io.grpc.Metadata headers,
              io.grpc.ServerCallHandler<Q, A> next) {
            return next.startCall(call, headers);
          }
        };
    try (ProvinceNode node =
        ProvinceNode.builder()
            .province("140000")
            .pki(pki)
            .clock(MutableClock.at("2020-03-20T09:00:00+08:00"))
            .serverBuilder(InProcessServerBuilder.forName(name).directExecutor())
            .authentication(lettingEverythingThrough)
            .build()) {
      node.start();
      ManagedChannel channel = InProcessChannelBuilder.forName(name).directExecutor().build();
      try {
        assertThatThrownBy(
                () ->
                    ProvinceNodeServiceGrpc.newBlockingStub(channel)
                        .issueCode(
                            IssueCodeRequest.newBuilder()
                                .setDeclaration(Declarations.resident())
                                .build()))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
                  assertThat(e.getStatus().getDescription())
                      .isEqualTo("no authenticated caller for a write on node 140000");
                });
        assertThat(node.codes()).isZero();
      } finally {
        channel.shutdownNow();
      }
    }
  }

  private static Principal caller(Role role, String name) {
    return new Principal(new SpiffeId(TestPki.TRUST_DOMAIN, role, name));
  }
}
