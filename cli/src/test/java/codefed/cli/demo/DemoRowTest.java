package codefed.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.officer.DisplayWidth;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.DecisionCause;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class DemoRowTest {
  static final Instant AT = Instant.parse("2020-03-20T01:00:00Z");

  static DemoRow row(String scene, String name, Decision.Builder d, long receipt, double ms) {
    return new DemoRow(
        17,
        scene,
        AT,
        CheckpointType.CHECKPOINT_TYPE_PUBLIC_PLACE,
        "140000",
        OptionalDouble.of(36.5),
        d.setMaskedName(name).setAuditSequence(receipt).build(),
        ms);
  }

  static List<String> lines() {
    Decision.Builder worst =
        Decision.newBuilder()
            .setOutcome(Outcome.OUTCOME_CONTROL)
            .setCause(DecisionCause.DECISION_CAUSE_YELLOW)
            .setOffline(true)
            .addAllMeasures(
                List.of(
                    Measure.MEASURE_CENTRAL_OR_HOME_QUARANTINE_14D,
                    Measure.MEASURE_FEVER_CLINIC,
                    Measure.MEASURE_RISK_AREA_CHECK,
                    Measure.MEASURE_DENY_ENTRY));
    return List.of(
        DemoRow.header(),
        row(
                "Shanxi, green, 36.5 °C",
                "高**",
                Decision.newBuilder()
                    .setOutcome(Outcome.OUTCOME_PASS)
                    .setCause(DecisionCause.DECISION_CAUSE_GREEN)
                    .setFromCache(true),
                2,
                3.4)
            .line(),
        row("a scene far longer than the column has room for, cut", "欧阳**", worst, 123456, 123456)
            .line(),
        row(
                "Hubei, green (all but Hubei)",
                "",
                Decision.newBuilder()
                    .setOutcome(Outcome.OUTCOME_MANUAL_VERIFICATION)
                    .setCause(DecisionCause.DECISION_CAUSE_ISSUER_NOT_RECOGNIZED)
                    .addMeasures(Measure.MEASURE_MANUAL_CHECK),
                9,
                12)
            .line());
  }

  @Test
  void everyLine_fitsOneHundredTwentyColumns() {
    assertThat(lines())
        .allSatisfy(
            l -> assertThat(DisplayWidth.of(l)).as(l).isLessThanOrEqualTo(DemoRow.MAX_COLUMNS));
  }

  @Test
  void columns_lineUpByDisplayWidth_evenWithChineseNames() {
    List<String> lines = lines();
    // The receipt column starts at the same display column on every line, after names of 1–3
    // characters.
    for (String line : lines.subList(1, lines.size())) {
      int hash = line.lastIndexOf(" #") + 1;
      assertThat(DisplayWidth.of(line.substring(0, hash)))
          .as(line)
          .isEqualTo(DisplayWidth.of(lines.get(0).substring(0, lines.get(0).indexOf("rcpt"))));
    }
    assertThat(lines)
        .allSatisfy(l -> assertThat(DisplayWidth.of(l)).isEqualTo(DisplayWidth.of(lines.get(0))));
  }

  @Test
  void line_saysWhyFromTheCause_andKeepsReceiptAndLatencyApart() {
    List<String> lines = lines();
    assertThat(lines.get(1))
        .contains(" green, cached ")
        .contains(" 高**   ")
        .contains(" #2 ")
        .endsWith("    3");
    assertThat(lines.get(3)).contains(" MANUAL ").contains(" not recognized ").contains(" manual ");
    assertThat(lines.get(2)).contains("…").contains("yellow, offline");
  }
}
