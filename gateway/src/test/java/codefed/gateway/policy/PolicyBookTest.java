package codefed.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import healthcode.federation.v1.CheckpointType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyBookTest {
  static final PolicyBook SHIPPED = PolicyBook.shipped();

  static Instant at(String iso) {
    return OffsetDateTime.parse(iso).toInstant();
  }

  /** Every shipped version: its effective instant and the version in force a second before. */
  static Stream<Arguments> shippedVersions() {
    return Stream.of(
        Arguments.of("150000", "2020-03-12T00:00:00+08:00", "150000@2020-03-12T00:00+08:00", null),
        Arguments.of(
            "150000",
            "2020-03-19T00:00:00+08:00",
            "150000@2020-03-19T00:00+08:00",
            "150000@2020-03-12T00:00+08:00"),
        Arguments.of(
            "150000",
            "2021-01-31T00:00:00+08:00",
            "150000@2021-01-31T00:00+08:00",
            "150000@2020-03-19T00:00+08:00"),
        Arguments.of("530000", "2020-04-01T20:00:00+08:00", "530000@2020-04-01T20:00+08:00", null));
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("shippedVersions")
  void inForce_atTheEffectiveInstant_isThatVersion(
      String jurisdiction, String effective, String id, String before) {
    assertThat(SHIPPED.inForce(jurisdiction, at(effective)).map(Policy::id)).contains(id);
  }

  @ParameterizedTest(name = "{0} a second before {1}")
  @MethodSource("shippedVersions")
  void inForce_aSecondBeforeTheEffectiveInstant_isThePreviousVersion(
      String jurisdiction, String effective, String id, String before) {
    Optional<String> found =
        SHIPPED.inForce(jurisdiction, at(effective).minusSeconds(1)).map(Policy::id);

    assertThat(found).isEqualTo(Optional.ofNullable(before));
  }

  @Test
  void inForce_longAfterTheLastVersion_isTheLastVersion() {
    assertThat(SHIPPED.inForce("150000", at("2030-01-01T00:00:00Z")).map(Policy::id))
        .contains("150000@2021-01-31T00:00+08:00");
  }

  @Test
  void inForce_unknownJurisdiction_isEmpty() {
    assertThat(SHIPPED.inForce("110000", at("2021-01-31T00:00:00Z"))).isEmpty();
  }

  @Test
  void shipped_innerMongolia2020_03_19_recognizesProvincesExceptHubeiButNotNational() {
    Policy p = SHIPPED.inForce("150000", at("2020-03-20T09:00:00+08:00")).orElseThrow();
    Instant t = at("2020-03-20T09:00:00+08:00");

    assertThat(p.recognition("140000", t).recognized()).isTrue();
    assertThat(p.recognition("150000", t).recognized()).isTrue();
    assertThat(p.recognition("420000", t).recognized()).isFalse();
    assertThat(p.recognition("420000", t).explanation()).contains("excluded").contains("Hubei");
    assertThat(p.recognition("NATIONAL", t).recognized()).isFalse();
  }

  @Test
  void whatIf_2021PolicyOverA2020Scan_saysTheScanPredatesIt_notThatTheIssuerIsNotRecognized() {
    Policy p2021 = SHIPPED.inForce("150000", at("2021-02-08T09:00:00+08:00")).orElseThrow();
    Instant march2020 = at("2020-03-20T09:00:00+08:00");

    Policy.RecognitionVerdict v = p2021.recognition("140000", march2020);

    assertThat(v.recognized()).isFalse();
    assertThat(v.explanation())
        .isEqualTo(
            "scan at 2020-03-20T01:00:00Z predates policy 150000@2021-01-31T00:00+08:00,"
                + " which recognizes issuer 140000 from 2021-01-30T16:00:00Z");
    assertThat(p2021.recognition("140000", at("2021-02-08T09:00:00+08:00")).recognized()).isTrue();
  }

  @Test
  void shipped_innerMongolia2020_03_12_recognizesOwnCodesOnly() {
    Policy p = SHIPPED.inForce("150000", at("2020-03-12T12:00:00+08:00")).orElseThrow();
    Instant t = at("2020-03-12T12:00:00+08:00");

    assertThat(p.recognition("150000", t).recognized()).isTrue();
    assertThat(p.recognition("140000", t).recognized()).isFalse();
  }

  @Test
  void shipped_innerMongolia2021_recognizesHubeiAndNationalAndChecksItineraries() {
    Policy p = SHIPPED.inForce("150000", at("2021-02-08T09:00:00+08:00")).orElseThrow();
    Instant t = at("2021-02-08T09:00:00+08:00");

    assertThat(p.recognition("420000", t).recognized()).isTrue();
    assertThat(p.recognition("NATIONAL", t).recognized()).isTrue();
    assertThat(p.itinerary().enabled()).isTrue();
  }

  @Test
  void shipped_yunnan_deniesEntryAtPublicPlacesOnly() {
    Policy p = SHIPPED.inForce("530000", at("2020-04-08T09:00:00+08:00")).orElseThrow();

    assertThat(p.checkpoint(CheckpointType.CHECKPOINT_TYPE_PUBLIC_PLACE).denyEntryRedYellow())
        .isTrue();
    assertThat(p.checkpoint(CheckpointType.CHECKPOINT_TYPE_TRAFFIC).denyEntryRedYellow()).isFalse();
    assertThat(p.checkpoint(CheckpointType.CHECKPOINT_TYPE_MEDICAL).denyEntryRedYellow()).isFalse();
    assertThat(p.recognition("420000", at("2020-04-08T09:00:00+08:00")).recognized()).isTrue();
  }

  @Test
  void byHash_findsEachShippedVersion() {
    for (Policy p : SHIPPED.all()) {
      assertThat(SHIPPED.byHash(p.contentHash())).contains(p);
    }
    assertThat(SHIPPED.byHash(new byte[32])).isEmpty();
  }

  @Test
  void of_twoVersionsWithTheSameEffectiveInstant_isRefusedNamingBothFiles() throws Exception {
    Policy a = PolicyParser.parse("a.textproto", PolicyParserTest.VALID);
    Policy b =
        PolicyParser.parse("b.textproto", PolicyParserTest.VALID.replace("\"v1\"", "\"v2\""));

    assertThatThrownBy(() -> PolicyBook.of(List.of(a, b)))
        .hasMessage(
            "b.textproto: effective_from: 2020-03-18T16:00:00Z (expected: different from a.textproto)");
  }

  @Test
  void of_twoVersionsWithTheSameLabel_isRefused() throws Exception {
    Policy a = PolicyParser.parse("a.textproto", PolicyParserTest.VALID);
    Policy b =
        PolicyParser.parse(
            "b.textproto", PolicyParserTest.VALID.replace("2020-03-19T", "2020-03-20T"));

    assertThatThrownBy(() -> PolicyBook.of(List.of(a, b)))
        .hasMessage("b.textproto: version: \"v1\" (expected: different from a.textproto)");
  }

  @Test
  void recognition_exclusionWithUntil_endsAtUntil() throws Exception {
    Policy p =
        PolicyParser.parse(
            "x.textproto",
            PolicyParserTest.VALID.replace(
                "reason: \"Hubei\"", "until: \"2020-04-08T00:00:00+08:00\""));

    assertThat(p.recognition("420000", at("2020-04-07T23:59:59+08:00")).recognized()).isFalse();
    assertThat(p.recognition("420000", at("2020-04-08T00:00:00+08:00")).recognized()).isTrue();
  }

  @Test
  void recognition_grantWithLaterDate_startsAtItsOwnDate() throws Exception {
    Policy p =
        PolicyParser.parse(
            "x.textproto",
            PolicyParserTest.VALID.replace(
                "recognized { issuer: \"*\" }",
                "recognized { issuer: \"NATIONAL\" effective_from: \"2020-04-01T00:00:00+08:00\" }"));

    assertThat(p.recognition("NATIONAL", at("2020-03-31T23:59:59+08:00")).recognized()).isFalse();
    assertThat(p.recognition("NATIONAL", at("2020-04-01T00:00:00+08:00")).recognized()).isTrue();
    assertThat(p.recognition("140000", at("2020-04-01T00:00:00+08:00")).recognized()).isFalse();
  }

  @Test
  void recognition_everyProvince_coversGbT2260ProvincesOnly() {
    Policy p = SHIPPED.inForce("530000", at("2020-04-08T09:00:00+08:00")).orElseThrow();
    Instant t = at("2020-04-08T09:00:00+08:00");

    assertThat(p.recognition("650000", t).recognized()).isTrue();
    assertThat(p.recognition("990000", t).recognized()).isFalse();
    assertThat(p.recognition("NATIONAL", t).recognized()).isTrue();
  }
}
