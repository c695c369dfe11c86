package codefed.node.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.node.declaration.Declarations;
import codefed.node.testing.InProcessNode;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.TestPki;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.GetIssuerKeysRequest;
import healthcode.federation.v1.GetIssuerKeysResponse;
import healthcode.federation.v1.IssueCodeRequest;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskArea;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.SetFaultRequest;
import healthcode.federation.v1.SetRiskAreasRequest;
import healthcode.federation.v1.UpdateStatusRequest;
import healthcode.federation.v1.UpdateStatusResponse;
import healthcode.federation.v1.VerifyCodeRequest;
import healthcode.federation.v1.Visit;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class PlatformAndFaultsTest {
  @TempDir static Path dir;
  static PkiDirectory pki;

  private InProcessNode fixture;
  private ByteString code;

  @BeforeAll
  static void pki() {
    pki = TestPki.create(dir, InProcessNode.PROVINCE);
  }

  @BeforeEach
  void start() throws Exception {
    fixture = new InProcessNode(pki, b -> b.drills(true));
    code =
        fixture
            .blocking(Role.PLATFORM)
            .issueCode(
                IssueCodeRequest.newBuilder()
                    .setDeclaration(
                        Declarations.resident().toBuilder()
                            .clearResidence()
                            .setTravel(Declarations.travel("CN", "420106", "140105")))
                    .build())
            .getCodeId();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void updateStatus_closeContact_turnsRed_andReportsTheSequence() {
    UpdateStatusResponse response =
        update(
            UpdateStatusRequest.newBuilder()
                .setCodeId(code)
                .addFindings(Reason.REASON_CLOSE_CONTACT)
                .build());

    assertThat(response.getColor()).isEqualTo(Color.COLOR_RED);
    assertThat(response.getReasonsList())
        .containsExactly(Reason.REASON_CLOSE_CONTACT, Reason.REASON_CROSS_CITY_TRAVEL);
    assertThat(response.getSequence()).isEqualTo(1);
    assertThat(response.getState()).isEqualTo(CodeState.CODE_STATE_ACTIVE);
  }

  @Test
  void updateStatus_visits_giveItineraryRiskButKeepTheColor() {
    fixture
        .blocking(Role.PLATFORM)
        .setRiskAreas(
            SetRiskAreasRequest.newBuilder()
                .addAreas(
                    RiskArea.newBuilder()
                        .setAreaCode("110105")
                        .setAreaName("朝阳区")
                        .setLevel(RiskLevel.RISK_LEVEL_MEDIUM))
                .build());

    UpdateStatusResponse response =
        update(
            UpdateStatusRequest.newBuilder()
                .setCodeId(code)
                .addVisits(
                    Visit.newBuilder()
                        .setAreaCode("110105")
                        .setVisitedAt(
                            Timestamps.fromMillis(
                                fixture.clock.millis() - Duration.ofDays(3).toMillis())))
                .build());

    assertThat(response.getColor()).isEqualTo(Color.COLOR_YELLOW);
    assertThat(response.getItineraryRisk()).isEqualTo(RiskLevel.RISK_LEVEL_MEDIUM);
  }

  @Test
  void updateStatus_unknownCode_notFound() {
    assertStatus(
        () ->
            update(
                UpdateStatusRequest.newBuilder()
                    .setCodeId(ByteString.copyFrom(new byte[16]))
                    .build()),
        Status.Code.NOT_FOUND,
        "code_id: unknown (expected: a code issued by this node)");
  }

  @Test
  void updateStatus_unspecifiedFinding_invalidArgument_andNothingChanged() {
    assertStatus(
        () ->
            update(
                UpdateStatusRequest.newBuilder()
                    .setCodeId(code)
                    .addFindings(Reason.REASON_CONFIRMED)
                    .addFindings(Reason.REASON_UNSPECIFIED)
                    .build()),
        Status.Code.INVALID_ARGUMENT,
        "findings[1]: REASON_UNSPECIFIED (expected: a named reason)");
    assertThat(fixture.node.core().book().feed().head()).isZero();
  }

  @Test
  void setRiskAreas_declaredOriginBecomesHigh_recolorsRed() {
    int changed =
        fixture
            .blocking(Role.PLATFORM)
            .setRiskAreas(
                SetRiskAreasRequest.newBuilder()
                    .addAreas(
                        RiskArea.newBuilder()
                            .setAreaCode("420000")
                            .setAreaName("湖北省")
                            .setLevel(RiskLevel.RISK_LEVEL_HIGH))
                    .build())
            .getCodesChanged();

    assertThat(changed).isEqualTo(1);
    var status =
        fixture
            .node
            .status(codefed.node.registry.CodeId.fromBytes(code.toByteArray()))
            .orElseThrow();
    assertThat(status.color()).isEqualTo(Color.COLOR_RED);
    assertThat(status.reasons()).contains(Reason.REASON_FROM_KEY_EPIDEMIC_AREA);
  }

  @Test
  void setRiskAreas_unspecifiedLevel_invalidArgument() {
    assertStatus(
        () ->
            fixture
                .blocking(Role.PLATFORM)
                .setRiskAreas(
                    SetRiskAreasRequest.newBuilder()
                        .addAreas(RiskArea.newBuilder().setAreaCode("420000"))
                        .build()),
        Status.Code.INVALID_ARGUMENT,
        "areas[0].level: RISK_LEVEL_UNSPECIFIED (expected: RISK_LEVEL_LOW, RISK_LEVEL_MEDIUM or RISK_LEVEL_HIGH)");
  }

  @Test
  void getIssuerKeys_theProvincesKeysFromTheTrustList() {
    GetIssuerKeysResponse keys =
        fixture.blocking(Role.AUDITOR).getIssuerKeys(GetIssuerKeysRequest.getDefaultInstance());

    assertThat(keys.getIssuer()).isEqualTo("140000");
    assertThat(keys.getKeysList())
        .extracting(k -> k.getKeyId())
        .contains(pki.issuerSigner("140000").keyId());
    assertThat(keys.getKeys(0).hasNotAfter()).isTrue();
  }

  @Test
  void roles_eachRpcOnlyForTheRolesNodeProtoNames() {
    assertStatus(
        () -> fixture.blocking(Role.GATEWAY).issueCode(IssueCodeRequest.getDefaultInstance()),
        Status.Code.PERMISSION_DENIED,
        null);
    assertStatus(
        () -> fixture.blocking(Role.PLATFORM).verifyCode(verifyRequest()),
        Status.Code.PERMISSION_DENIED,
        null);
    assertStatus(
        () ->
            fixture
                .blocking(Role.CHECKPOINT)
                .getIssuerKeys(GetIssuerKeysRequest.getDefaultInstance()),
        Status.Code.PERMISSION_DENIED,
        null);
    assertStatus(
        () ->
            fixture
                .drill(Role.GATEWAY)
                .setFault(SetFaultRequest.newBuilder().setDown(true).build()),
        Status.Code.PERMISSION_DENIED,
        null);
    assertThat(fixture.node.faults().isDown()).isFalse();
    assertThat(
            fixture
                .blocking(Role.NODE)
                .getIssuerKeys(GetIssuerKeysRequest.getDefaultInstance())
                .getKeysCount())
        .isPositive();
  }

  @Test
  void setFault_down_everyNodeRpcUnavailable_healthNotServing_drillServiceBringsItUp() {
    fixture.drill(Role.PLATFORM).setFault(SetFaultRequest.newBuilder().setDown(true).build());

    assertStatus(
        () -> fixture.blocking(Role.GATEWAY).verifyCode(verifyRequest()),
        Status.Code.UNAVAILABLE,
        "node down");
    assertStatus(
        () ->
            fixture.blocking(Role.AUDITOR).getIssuerKeys(GetIssuerKeysRequest.getDefaultInstance()),
        Status.Code.UNAVAILABLE,
        "node down");
    assertThat(health()).isEqualTo(ServingStatus.NOT_SERVING);

    fixture.drill(Role.PLATFORM).setFault(SetFaultRequest.getDefaultInstance());

    assertThat(fixture.blocking(Role.GATEWAY).verifyCode(verifyRequest()).hasAssertion()).isTrue();
    assertThat(health()).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void faultsJavaApi_downAndUp_asInProcessDriversUseIt() {
    fixture.node.faults().down();
    assertStatus(
        () -> fixture.blocking(Role.GATEWAY).verifyCode(verifyRequest()),
        Status.Code.UNAVAILABLE,
        "node down");

    fixture.node.faults().up();
    assertThat(fixture.blocking(Role.GATEWAY).verifyCode(verifyRequest()).hasAssertion()).isTrue();
  }

  @Test
  void setFault_errorRateOne_verifyUnavailable() {
    fixture.drill(Role.PLATFORM).setFault(SetFaultRequest.newBuilder().setErrorRate(1).build());

    assertStatus(
        () -> fixture.blocking(Role.GATEWAY).verifyCode(verifyRequest()),
        Status.Code.UNAVAILABLE,
        "injected fault");
  }

  @Test
  void setFault_hang_callerHitsItsDeadline() {
    fixture.node.faults().setHang(true);

    assertStatus(
        () ->
            fixture
                .blocking(Role.GATEWAY)
                .withDeadlineAfter(200, TimeUnit.MILLISECONDS)
                .verifyCode(verifyRequest()),
        Status.Code.DEADLINE_EXCEEDED,
        null);
  }

  @Test
  void setFault_latency_answerStillArrives() {
    fixture
        .drill(Role.PLATFORM)
        .setFault(SetFaultRequest.newBuilder().setLatency(Durations.fromMillis(50)).build());

    assertThat(fixture.blocking(Role.GATEWAY).verifyCode(verifyRequest()).hasAssertion()).isTrue();
  }

  @Test
  void setFault_outOfRangeValues_invalidArgument_andFaultsUnchanged() {
    assertStatus(
        () ->
            fixture
                .drill(Role.PLATFORM)
                .setFault(SetFaultRequest.newBuilder().setErrorRate(1.5).build()),
        Status.Code.INVALID_ARGUMENT,
        "error_rate: 1.5 (expected: within [0, 1])");
    assertStatus(
        () ->
            fixture
                .drill(Role.PLATFORM)
                .setFault(
                    SetFaultRequest.newBuilder().setLatency(Durations.fromMillis(-5)).build()),
        Status.Code.INVALID_ARGUMENT,
        "latency: PT-0.005S (expected: >= 0)");
    assertThat(fixture.node.faults().settings()).isEqualTo(codefed.node.fault.FaultSettings.NONE);
  }

  private VerifyCodeRequest verifyRequest() {
    return VerifyCodeRequest.newBuilder()
        .setCodeId(code)
        .setNonce(ByteString.copyFromUtf8("12345678"))
        .build();
  }

  private UpdateStatusResponse update(UpdateStatusRequest request) {
    return fixture.blocking(Role.PLATFORM).updateStatus(request);
  }

  private ServingStatus health() {
    return HealthGrpc.newBlockingStub(fixture.channel(Role.CHECKPOINT))
        .check(HealthCheckRequest.newBuilder().setService("").build())
        .getStatus();
  }

  private static void assertStatus(Executable call, Status.Code code, String description) {
    assertThatThrownBy(call::execute)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              if (description != null) {
                assertThat(e.getStatus().getDescription()).isEqualTo(description);
              }
            });
  }
}
