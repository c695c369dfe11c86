package codefed.node.status;

import static healthcode.federation.v1.Reason.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import healthcode.federation.v1.Color;
import healthcode.federation.v1.Reason;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ColorRulesTest {

  /** Seed 003, 二、认定标准, one row per criterion. */
  static Stream<Arguments> seed003() {
    return Stream.of(
        Arguments.of(REASON_CONFIRMED, Color.COLOR_RED),
        Arguments.of(REASON_SUSPECTED, Color.COLOR_RED),
        Arguments.of(REASON_CLOSE_CONTACT, Color.COLOR_RED),
        Arguments.of(REASON_UNDER_QUARANTINE, Color.COLOR_RED),
        Arguments.of(REASON_FROM_KEY_EPIDEMIC_AREA, Color.COLOR_RED),
        Arguments.of(REASON_FEVER_OR_RESPIRATORY_SYMPTOMS, Color.COLOR_YELLOW),
        Arguments.of(REASON_CONTACT_WITH_FEBRILE_PERSON, Color.COLOR_YELLOW),
        Arguments.of(REASON_SAME_BUILDING_AS_CASE, Color.COLOR_YELLOW),
        Arguments.of(REASON_CROSS_CITY_TRAVEL, Color.COLOR_YELLOW),
        Arguments.of(REASON_FROM_HIGHER_RISK_COUNTY, Color.COLOR_YELLOW),
        Arguments.of(REASON_WHITELISTED, Color.COLOR_GREEN));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("seed003")
  void colorOf_singleReason_isSeed003Color(Reason reason, Color expected) {
    assertThat(ColorRules.colorOf(Set.of(reason))).isEqualTo(expected);
    assertThat(ColorRules.colorOf(reason)).isEqualTo(expected);
  }

  @Test
  void colorOf_everyNamedReasonButIssuerCriteriaIsCovered() {
    long named =
        Stream.of(Reason.values())
            .filter(
                r ->
                    r != REASON_UNSPECIFIED
                        && r != Reason.UNRECOGNIZED
                        && r != REASON_ISSUER_CRITERIA)
            .count();
    assertThat(seed003()).hasSize((int) named);
  }

  @Test
  void colorOf_issuerCriteria_hasNoSeed003Color() {
    assertThatThrownBy(() -> ColorRules.colorOf(REASON_ISSUER_CRITERIA))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("reason: REASON_ISSUER_CRITERIA (expected: a seed-003 reason)");
  }

  @Test
  void colorOf_noReason_isGreen() {
    assertThat(ColorRules.colorOf(Set.of())).isEqualTo(Color.COLOR_GREEN);
  }

  @Test
  void colorOf_redAndYellow_isRed() {
    assertThat(ColorRules.colorOf(EnumSet.of(REASON_CROSS_CITY_TRAVEL, REASON_CLOSE_CONTACT)))
        .isEqualTo(Color.COLOR_RED);
  }

  @Test
  void colorOf_whitelistedWithYellowReason_isGreen() {
    assertThat(ColorRules.colorOf(EnumSet.of(REASON_WHITELISTED, REASON_CROSS_CITY_TRAVEL)))
        .isEqualTo(Color.COLOR_GREEN);
  }

  @Test
  void colorOf_whitelistedWithEveryRedReason_staysRed() {
    for (Reason red : ColorRules.redReasons()) {
      assertThat(ColorRules.colorOf(EnumSet.of(REASON_WHITELISTED, red)))
          .as("whitelisted + %s", red)
          .isEqualTo(Color.COLOR_RED);
    }
  }
}
