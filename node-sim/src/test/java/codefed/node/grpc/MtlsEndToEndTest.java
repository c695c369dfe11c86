package codefed.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.code.HealthCodeText;
import codefed.node.ProvinceNode;
import codefed.node.declaration.Declarations;
import codefed.node.population.PopulationGenerator;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.SpiffeId;
import codefed.pki.TestPki;
import codefed.tls.MtlsCredentials;
import codefed.tls.ReflectionProbe;
import codefed.trust.TrustList;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.IssueCodeRequest;
import healthcode.federation.v1.ProvinceNodeServiceGrpc;
import healthcode.federation.v1.StatusAssertion;
import healthcode.federation.v1.VerifyCodeRequest;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node over real Netty on an ephemeral port, mutual TLS with the project's own PKI. */
class MtlsEndToEndTest {
  private static final Instant NOW = Instant.parse("2020-03-20T01:00:00Z");
  private static final long SEED = 7;

  @TempDir static Path dir;
  static PkiDirectory pki;
  static ProvinceNode node;
  static int port;
  static ManagedChannel gateway;
  static ManagedChannel platform;

  @BeforeAll
  static void start() throws Exception {
    pki = TestPki.create(dir, "140000", "150000");
    node =
        ProvinceNode.builder()
            .province("140000")
            .pki(pki)
            .port(0)
            .clock(Clock.fixed(NOW, ZoneOffset.ofHours(8)))
            .population(50, SEED)
            .build();
    port = node.start();
    SpiffeId server = new SpiffeId(TestPki.TRUST_DOMAIN, Role.NODE, "140000");
    gateway = channel(MtlsCredentials.client(pki, Role.GATEWAY, "150000", server));
    platform = channel(MtlsCredentials.client(pki, Role.PLATFORM, "140000", server));
  }

  @AfterAll
  static void stop() throws Exception {
    for (ManagedChannel c : new ManagedChannel[] {gateway, platform}) {
      if (c != null) {
        c.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
    if (node != null) {
      node.close();
    }
  }

  @Test
  void gateway_verifiesAPopulationCode_overMtls_andTheAnswerVerifiesWithTheTrustList()
      throws Exception {
    var resident = new PopulationGenerator("140000", SEED).resident(3, NOW);

    var response =
        ProvinceNodeServiceGrpc.newBlockingStub(gateway)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .verifyCode(
                VerifyCodeRequest.newBuilder()
                    .setCodeId(ByteString.copyFrom(resident.codeId().toBytes()))
                    .setNonce(ByteString.copyFromUtf8("e2e-nonce"))
                    .build());

    TrustList trustList = pki.trustList();
    StatusAssertion a = trustList.verifyAssertion(response.getAssertion(), "140000", NOW);
    assertThat(a.getState()).isEqualTo(CodeState.CODE_STATE_ACTIVE);
    assertThat(a.getColor()).isEqualTo(resident.intendedColor());
    assertThat(node.populationLoaded()).isEqualTo(50);
  }

  @Test
  void gateway_verifyingWithATooShortNonce_isInvalidArgumentNamingTheField_overMtls()
      throws Exception {
    byte[] id = new PopulationGenerator("140000", SEED).resident(3, NOW).codeId().toBytes();

    io.grpc.StatusRuntimeException e =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.grpc.StatusRuntimeException.class,
            () ->
                ProvinceNodeServiceGrpc.newBlockingStub(gateway)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .verifyCode(
                        VerifyCodeRequest.newBuilder()
                            .setCodeId(ByteString.copyFrom(id))
                            .setNonce(ByteString.copyFromUtf8("abc"))
                            .build()));

    assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .isEqualTo("nonce: 3 bytes (expected: 8 to 64 bytes)");
    com.google.rpc.ErrorInfo info =
        io.grpc.protobuf.StatusProto.fromThrowable(e)
            .getDetails(0)
            .unpack(com.google.rpc.ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("INVALID_FIELD");
    assertThat(info.getDomain()).isEqualTo("codefed");
    assertThat(info.getMetadataMap()).containsEntry("field", "nonce");
    assertThat(e.getTrailers().toString())
        .doesNotContain("Exception")
        .doesNotContain("codefed.node");
  }

  @Test
  void platform_issuesACode_overMtls() throws Exception {
    var issued =
        ProvinceNodeServiceGrpc.newBlockingStub(platform)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .issueCode(
                IssueCodeRequest.newBuilder()
                    .setDeclaration(Declarations.resident())
                    .setIncludeSnapshot(true)
                    .build());

    assertThat(pki.trustList().verifyCode(HealthCodeText.decode(issued.getQrText()), NOW).issuer())
        .isEqualTo("140000");
  }

  @Test
  void gateway_mayNotIssueCodes_permissionDenied() {
    assertThatThrownBy(
            () ->
                ProvinceNodeServiceGrpc.newBlockingStub(gateway)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .issueCode(
                        IssueCodeRequest.newBuilder()
                            .setDeclaration(Declarations.resident())
                            .build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED));
  }

  @Test
  void health_servingForAnyFederationMember() {
    var status =
        HealthGrpc.newBlockingStub(gateway)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .check(
                HealthCheckRequest.newBuilder()
                    .setService("healthcode.federation.v1.ProvinceNodeService")
                    .build());

    assertThat(status.getStatus()).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void reflection_v1AndV1alpha_listTheNodeService_notTheDrillsOfAProductionNode() throws Exception {
    java.util.List<String> v1 = ReflectionProbe.listV1(gateway);
    java.util.List<String> v1alpha = ReflectionProbe.listV1alpha(platform);

    assertThat(v1)
        .contains(
            "healthcode.federation.v1.ProvinceNodeService",
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection")
        .doesNotContain("healthcode.federation.v1.NodeDrillService");
    assertThat(v1alpha).containsExactlyInAnyOrderElementsOf(v1);
    assertThatThrownBy(
            () ->
                HealthGrpc.newBlockingStub(gateway)
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .check(
                        HealthCheckRequest.newBuilder()
                            .setService("healthcode.federation.v1.NodeDrillService")
                            .build()))
        .hasMessageStartingWith("NOT_FOUND");
  }

  @Test
  void drillNode_reportsItsDrillServiceInHealthAndReflection_bothVersions() throws Exception {
    ProvinceNode drillNode =
        ProvinceNode.builder()
            .province("140000")
            .pki(pki)
            .port(0)
            .clock(Clock.fixed(NOW, ZoneOffset.ofHours(8)))
            .population(5, SEED)
            .drills(true)
            .build();
    int drillPort = drillNode.start();
    ManagedChannel ch = NodeChannels.to(drillPort, pki, Role.PLATFORM, "140000", "140000");
    try {
      var status =
          HealthGrpc.newBlockingStub(ch)
              .withDeadlineAfter(10, TimeUnit.SECONDS)
              .check(
                  HealthCheckRequest.newBuilder()
                      .setService("healthcode.federation.v1.NodeDrillService")
                      .build());
      assertThat(status.getStatus()).isEqualTo(ServingStatus.SERVING);
      assertThat(ReflectionProbe.listV1(ch)).contains("healthcode.federation.v1.NodeDrillService");
      assertThat(ReflectionProbe.listV1alpha(ch))
          .contains("healthcode.federation.v1.NodeDrillService");
    } finally {
      ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      drillNode.close();
    }
  }

  private static ManagedChannel channel(io.grpc.ChannelCredentials credentials) {
    return Grpc.newChannelBuilderForAddress("localhost", port, credentials).build();
  }
}
