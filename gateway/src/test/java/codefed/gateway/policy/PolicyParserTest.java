package codefed.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.RiskLevel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PolicyParserTest {
  static final String VALID =
      """
      jurisdiction: "150000"
      version: "v1"
      effective_from: "2020-03-19T00:00:00+08:00"
      recognize_local: true
      recognized { issuer: "*" }
      excluded { issuer: "420000" reason: "Hubei" }
      fever_threshold_celsius: 37.3
      code_validity: "P14D"
      offline_snapshot_max_age: "PT10M"
      cache_freshness: "PT5M"
      checkpoints { checkpoint_type: CHECKPOINT_TYPE_MEDICAL always: MEASURE_MEDICAL_REGISTRATION }
      """;

  @Test
  void parse_validDocument_givesEveryRule() throws Exception {
    Policy p = PolicyParser.parse("150000-v1.textproto", VALID);

    assertThat(p.id()).isEqualTo("150000@v1");
    assertThat(p.effectiveFrom())
        .isEqualTo(OffsetDateTime.parse("2020-03-19T00:00:00+08:00").toInstant());
    assertThat(p.feverThresholdCelsius()).isEqualTo(37.3);
    assertThat(p.codeValidity()).isEqualTo(Duration.ofDays(14));
    assertThat(p.offlineSnapshotMaxAge()).isEqualTo(Duration.ofMinutes(10));
    assertThat(p.cacheFreshness()).isEqualTo(Duration.ofMinutes(5));
    assertThat(p.itinerary().enabled()).isFalse();
    assertThat(p.checkpoint(CheckpointType.CHECKPOINT_TYPE_MEDICAL).always())
        .containsExactly(Measure.MEASURE_MEDICAL_REGISTRATION);
    assertThat(p.checkpoint(CheckpointType.CHECKPOINT_TYPE_TRAFFIC).always()).isEmpty();
    assertThat(p.exclusions())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.issuer()).isEqualTo("420000");
              assertThat(e.from()).isEqualTo(p.effectiveFrom());
              assertThat(e.until()).isEmpty();
            });
  }

  @Test
  void parse_contentHash_isSha256OfTheDocumentText() throws Exception {
    Policy p = PolicyParser.parse("a.textproto", VALID);

    byte[] expected =
        MessageDigest.getInstance("SHA-256").digest(VALID.getBytes(StandardCharsets.UTF_8));
    assertThat(p.contentHash()).isEqualTo(expected);
    assertThat(p.documentText()).isEqualTo(VALID);
  }

  @Test
  void parse_badExclusionInstant_namesFileFieldAndProblem() {
    String text = VALID.replace("reason: \"Hubei\"", "from: \"2020-13-01\"");

    assertThatThrownBy(() -> PolicyParser.parse("150000-2020-03-19.textproto", text))
        .isInstanceOf(PolicyException.class)
        .hasMessage(
            "150000-2020-03-19.textproto: excluded[0].from: \"2020-13-01\" is not an ISO-8601 instant with offset");
  }

  @Test
  void parse_instantWithoutOffset_isRefused() {
    String text = VALID.replace("2020-03-19T00:00:00+08:00", "2020-03-19T00:00:00");

    assertThatThrownBy(() -> PolicyParser.parse("p.textproto", text))
        .hasMessage(
            "p.textproto: effective_from: \"2020-03-19T00:00:00\" is not an ISO-8601 instant with offset");
  }

  @Test
  void parse_everyProblem_isReportedAtOnce() {
    String text =
        """
        jurisdiction: "15"
        effective_from: "2020-03-19T00:00:00+08:00"
        recognized { issuer: "Hubei" }
        excluded { issuer: "420000" from: "2020-04-01T00:00:00+08:00" until: "2020-03-01T00:00:00+08:00" }
        fever_threshold_celsius: 3.73
        code_validity: "PT-1S"
        offline_snapshot_max_age: "ten minutes"
        itinerary { enabled: true window: "P14D" }
        checkpoints { checkpoint_type: CHECKPOINT_TYPE_MEDICAL deny_entry_red_yellow: true }
        checkpoints { checkpoint_type: CHECKPOINT_TYPE_MEDICAL }
        checkpoints { always: MEASURE_UNSPECIFIED }
        """;

    assertThatThrownBy(() -> PolicyParser.parse("bad.textproto", text))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e ->
                assertThat(e.problems())
                    .containsExactlyInAnyOrder(
                        "bad.textproto: jurisdiction: \"15\" (expected: a GB/T 2260 province code such as 150000)",
                        "bad.textproto: version: missing (expected: a label unique within the jurisdiction)",
                        "bad.textproto: recognized[0].issuer: \"Hubei\" (expected: a province code, NATIONAL or *)",
                        "bad.textproto: excluded[0].until: \"2020-03-01T00:00:00+08:00\" (expected: after from 2020-03-31T16:00:00Z)",
                        "bad.textproto: fever_threshold_celsius: 3.73 (expected: 35.0 to 42.0)",
                        "bad.textproto: code_validity: PT-1S (expected: > 0)",
                        "bad.textproto: offline_snapshot_max_age: \"ten minutes\" is not an ISO-8601 duration",
                        "bad.textproto: cache_freshness: missing (expected: an ISO-8601 duration, e.g. PT10M)",
                        "bad.textproto: itinerary.control_levels: empty (expected: at least one level when enabled)",
                        "bad.textproto: checkpoints[0].deny_entry_red_yellow: true at MEDICAL (expected: false; a hospital never denies entry)",
                        "bad.textproto: checkpoints[1].checkpoint_type: CHECKPOINT_TYPE_MEDICAL listed twice (expected: one rule per type)",
                        "bad.textproto: checkpoints[2].checkpoint_type: CHECKPOINT_TYPE_UNSPECIFIED (expected: TRAFFIC, PUBLIC_PLACE or MEDICAL)",
                        "bad.textproto: checkpoints[2].always[0]: MEASURE_UNSPECIFIED (expected: a measure)"));
  }

  @Test
  void parse_issuerOutsideGbT2260_isRefused() {
    String text = VALID.replace("excluded { issuer: \"420000\"", "excluded { issuer: \"990000\"");

    assertThatThrownBy(() -> PolicyParser.parse("x.textproto", text))
        .hasMessage(
            "x.textproto: excluded[0].issuer: \"990000\" (expected: a province code or NATIONAL)");
  }

  @Test
  void parse_textprotoSyntaxError_namesFileLineAndColumn() {
    assertThatThrownBy(
            () -> PolicyParser.parse("x.textproto", "jurisdiction: \"150000\"\nno_such_field: 1\n"))
        .isInstanceOf(PolicyException.class)
        .hasMessageStartingWith("x.textproto:2:1: ")
        .hasMessageContaining("no_such_field");
  }

  @Test
  void parse_unknownEnumValue_isASyntaxError() {
    String text = VALID.replace("MEASURE_MEDICAL_REGISTRATION", "MEASURE_PRAYER");

    assertThatThrownBy(() -> PolicyParser.parse("x.textproto", text))
        .hasMessageContaining("MEASURE_PRAYER");
  }

  @Test
  void parse_itineraryRule_keepsWindowAndLevels() throws Exception {
    String text =
        VALID
            + "itinerary { enabled: true window: \"P14D\" control_levels: RISK_LEVEL_MEDIUM control_levels: RISK_LEVEL_HIGH }\n";

    Policy p = PolicyParser.parse("x.textproto", text);

    assertThat(p.itinerary().window()).isEqualTo(Duration.ofDays(14));
    assertThat(p.itinerary().controls(RiskLevel.RISK_LEVEL_HIGH)).isTrue();
    assertThat(p.itinerary().controls(RiskLevel.RISK_LEVEL_LOW)).isFalse();
  }

  @Test
  void shippedDocuments_allParseUnderTheirFileNames() throws Exception {
    Map<String, String> docs = PolicyBook.shippedDocuments();

    assertThat(docs.keySet())
        .containsExactly(
            "150000-2020-03-12.textproto", "150000-2020-03-19.textproto",
            "150000-2021-01-31.textproto", "530000-2020-04-01.textproto");
    for (var e : docs.entrySet()) {
      Policy p = PolicyParser.parse(e.getKey(), e.getValue());
      assertThat(e.getKey()).startsWith(p.jurisdiction() + "-");
      assertThat(p.offlineSnapshotMaxAge()).isEqualTo(Duration.ofMinutes(10));
      assertThat(p.cacheFreshness()).isEqualTo(Duration.ofMinutes(5));
      assertThat(p.checkpoint(CheckpointType.CHECKPOINT_TYPE_MEDICAL).always())
          .containsExactly(Measure.MEASURE_MEDICAL_REGISTRATION);
    }
  }
}
