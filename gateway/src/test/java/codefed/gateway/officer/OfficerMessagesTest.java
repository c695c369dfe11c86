package codefed.gateway.officer;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.officer.OfficerMessages.Language;
import healthcode.federation.v1.DecisionCause;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OfficerMessagesTest {
  final OfficerMessages en = OfficerMessages.of(Language.EN);
  final OfficerMessages zh = OfficerMessages.of(Language.ZH);

  static Stream<DecisionCause> causes() {
    return Arrays.stream(DecisionCause.values()).filter(c -> c != DecisionCause.UNRECOGNIZED);
  }

  @Test
  void everyCause_hasWhyDoAndShort_inBothLanguages_andTheyDiffer() {
    causes()
        .forEach(
            c -> {
              for (OfficerMessages m : new OfficerMessages[] {en, zh}) {
                assertThat(m.why(c, "140000"))
                    .as(c + " why")
                    .doesNotStartWith("cause.")
                    .isNotBlank();
                assertThat(m.todo(c)).as(c + " do").doesNotStartWith("cause.").isNotBlank();
                assertThat(m.shortWhy(c)).as(c + " short").doesNotStartWith("cause.").isNotBlank();
              }
              if (c != DecisionCause.DECISION_CAUSE_UNSPECIFIED) {
                assertThat(zh.why(c, "140000"))
                    .as(c + " translated")
                    .isNotEqualTo(en.why(c, "140000"));
                assertThat(DisplayWidth.of(en.shortWhy(c)))
                    .as(c + " short fits its column")
                    .isLessThanOrEqualTo(14);
                assertThat(DisplayWidth.of(zh.shortWhy(c)))
                    .as(c + " short fits its column")
                    .isLessThanOrEqualTo(14);
              }
            });
  }

  @Test
  void everyMeasureAndOutcome_isSpelledOut_inBothLanguages() {
    Arrays.stream(Measure.values())
        .filter(m -> m != Measure.UNRECOGNIZED && m != Measure.MEASURE_UNSPECIFIED)
        .forEach(
            m -> {
              assertThat(en.measure(m))
                  .as(m.name())
                  .doesNotStartWith("measure.")
                  .doesNotContain("_");
              assertThat(zh.measure(m))
                  .as(m.name())
                  .doesNotStartWith("measure.")
                  .isNotEqualTo(en.measure(m));
            });
    Arrays.stream(Outcome.values())
        .filter(o -> o != Outcome.UNRECOGNIZED)
        .forEach(
            o -> {
              assertThat(en.outcome(o)).as(o.name()).doesNotStartWith("outcome.");
              assertThat(zh.outcome(o))
                  .as(o.name())
                  .doesNotStartWith("outcome.")
                  .isNotEqualTo(en.outcome(o));
            });
  }

  @Test
  void placeholders_areFilled_andAgesReadNaturally() {
    assertThat(en.why(DecisionCause.DECISION_CAUSE_ISSUER_NOT_RECOGNIZED, "420000"))
        .isEqualTo("codes of issuer 420000 are not recognized here at this time");
    assertThat(zh.why(DecisionCause.DECISION_CAUSE_ISSUER_NOT_RECOGNIZED, "420000"))
        .contains("420000")
        .doesNotContain("{0}");
    assertThat(en.label("offline", "140000")).contains("code's own").contains("140000");
    assertThat(en.age(Duration.ofSeconds(2))).isEqualTo("2 s");
    assertThat(en.age(Duration.ofMinutes(5))).isEqualTo("5 min");
    assertThat(zh.age(Duration.ofHours(3))).isEqualTo("3 小时");
    assertThat(en.label("receiptAt", 12345L, "x")).isEqualTo("audit #12345 at x");
  }

  @Test
  void language_followsTheLocaleVariables_englishOtherwise() {
    assertThat(Language.fromEnvironment(Map.of("LANG", "zh_CN.UTF-8"))).isEqualTo(Language.ZH);
    assertThat(Language.fromEnvironment(Map.of("LANG", "zh_CN.UTF-8", "LC_ALL", "C.UTF-8")))
        .isEqualTo(Language.EN);
    assertThat(Language.fromEnvironment(Map.of("LC_MESSAGES", "zh_TW"))).isEqualTo(Language.ZH);
    assertThat(Language.fromEnvironment(Map.of())).isEqualTo(Language.EN);
  }

  @Test
  void displayWidth_countsChineseAsTwoColumns() {
    assertThat(DisplayWidth.of("高**")).isEqualTo(4);
    assertThat(DisplayWidth.pad("高**", 6)).isEqualTo("高**  ");
    assertThat(DisplayWidth.fit("山西省山西省", 7)).isEqualTo("山西省…");
    assertThat(DisplayWidth.of(DisplayWidth.fit("山西省山西省", 7))).isLessThanOrEqualTo(7);
  }
}
