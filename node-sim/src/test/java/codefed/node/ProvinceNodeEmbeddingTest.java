package codefed.node;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.code.HealthCodeText;
import codefed.node.issuance.IssueOptions;
import codefed.node.issuance.IssuedCode;
import codefed.node.testing.InProcessNode;
import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import com.google.protobuf.util.Timestamps;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.StatusAssertion;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java API the demo and cases runners drive a node with. */
class ProvinceNodeEmbeddingTest {
  @TempDir static Path dir;
  static PkiDirectory pki;

  private InProcessNode fixture;

  @BeforeAll
  static void pki() {
    pki = TestPki.create(dir, InProcessNode.PROVINCE);
  }

  @BeforeEach
  void start() throws Exception {
    fixture = new InProcessNode(pki, b -> b);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void issue_atAChosenInstant_withASnapshotOfAGivenAge_andAnExactStatus() throws Exception {
    Instant scan = fixture.clock.instant();
    IssuedCode code =
        fixture.node.issue(
            IssueOptions.builder()
                .issuedAt(scan.minus(Duration.ofHours(72)))
                .snapshot(Color.COLOR_YELLOW, scan.minus(Duration.ofMinutes(3)))
                .status(
                    Set.of(Reason.REASON_CROSS_CITY_TRAVEL),
                    List.of(
                        ProvinceNode.visitAt(
                            RiskLevel.RISK_LEVEL_MEDIUM, scan.minus(Duration.ofDays(2)))))
                .build());

    var payload =
        fixture.trustList.verifyCode(HealthCodeText.decode(code.qrText()), scan).payload();
    assertThat(Timestamps.toMillis(payload.getIssuedAt()))
        .isEqualTo(scan.minus(Duration.ofHours(72)).toEpochMilli());
    assertThat(Timestamps.toMillis(payload.getExpiresAt()))
        .isEqualTo(scan.plus(Duration.ofDays(11)).toEpochMilli());
    assertThat(payload.getColorSnapshot().getColor()).isEqualTo(Color.COLOR_YELLOW);
    assertThat(Timestamps.toMillis(payload.getColorSnapshot().getAsOf()))
        .isEqualTo(scan.minus(Duration.ofMinutes(3)).toEpochMilli());
    StatusAssertion answer =
        fixture.trustList.verifyAssertion(
            fixture.node.verify(
                code.codeId(), "12345678".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
            "140000",
            scan);
    assertThat(answer.getColor()).isEqualTo(Color.COLOR_YELLOW);
    assertThat(answer.getReasonsList()).containsExactly(Reason.REASON_CROSS_CITY_TRAVEL);
    assertThat(answer.getItineraryRisk()).isEqualTo(RiskLevel.RISK_LEVEL_MEDIUM);
    assertThat(answer.getItinerary(0).getAreaCode()).isEqualTo("R-MEDIUM");
  }

  @Test
  void issue_byDefault_aGreenResidentWithoutSnapshot() throws Exception {
    IssuedCode code = fixture.node.issue(IssueOptions.builder().build());

    var payload =
        fixture
            .trustList
            .verifyCode(HealthCodeText.decode(code.qrText()), fixture.clock.instant())
            .payload();
    assertThat(code.status().color()).isEqualTo(Color.COLOR_GREEN);
    assertThat(payload.hasColorSnapshot()).isFalse();
    assertThat(payload.getMaskedName()).isEqualTo("测***");
  }

  @Test
  void setStatus_exactReasons_decideTheColor_andThePreviousReasonsAreGone() throws Exception {
    IssuedCode code =
        fixture.node.issue(
            IssueOptions.builder().status(Set.of(Reason.REASON_CONFIRMED), List.of()).build());

    var status = fixture.node.setStatus(code.codeId(), Set.of(), List.of());

    assertThat(status.color()).isEqualTo(Color.COLOR_GREEN);
    assertThat(status.reasons()).isEmpty();
    assertThat(fixture.node.core().book().feed().head())
        .as("GREEN→RED at issue, RED→GREEN now")
        .isEqualTo(2);
  }
}
