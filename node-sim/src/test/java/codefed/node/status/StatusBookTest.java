package codefed.node.status;

import static healthcode.federation.v1.Reason.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.node.changes.ChangeFeed;
import codefed.node.registry.CodeId;
import codefed.node.registry.CodeRecord;
import codefed.node.registry.Holder;
import codefed.node.registry.InMemoryCodeRegistry;
import codefed.node.registry.Visit;
import codefed.time.MutableClock;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatusBookTest {
  private final MutableClock clock = MutableClock.at("2020-03-20T09:00:00+08:00");
  private final ChangeFeed feed = new ChangeFeed(1000, 100);
  private final StatusBook book = new StatusBook(new InMemoryCodeRegistry(), feed, clock);
  private final CodeId id = new CodeId(1, 2);

  @Test
  void update_closeContactFinding_turnsRed_andPublishesChange() throws Exception {
    book.register(record(id, Set.of(), List.of()));

    UpdateOutcome outcome = book.update(id, StatusUpdate.findings(Set.of(REASON_CLOSE_CONTACT)));

    assertThat(outcome.status().color()).isEqualTo(Color.COLOR_RED);
    assertThat(outcome.status().reasons()).containsExactly(REASON_CLOSE_CONTACT);
    assertThat(outcome.sequence()).isEqualTo(1);
    assertThat(feed.head()).isEqualTo(1);
  }

  @Test
  void update_sameFindingsAgain_publishesNothing() throws Exception {
    book.register(record(id, Set.of(), List.of()));
    book.update(id, StatusUpdate.findings(Set.of(REASON_SAME_BUILDING_AS_CASE)));

    UpdateOutcome again =
        book.update(id, StatusUpdate.findings(Set.of(REASON_SAME_BUILDING_AS_CASE)));

    assertThat(again.sequence()).isZero();
    assertThat(again.status().color()).isEqualTo(Color.COLOR_YELLOW);
    assertThat(feed.head()).isEqualTo(1);
  }

  @Test
  void update_findingsReplaceEarlierFindings_declaredReasonsStay() throws Exception {
    book.register(record(id, Set.of(REASON_CROSS_CITY_TRAVEL), List.of()));
    book.update(id, StatusUpdate.findings(Set.of(REASON_CONFIRMED)));

    UpdateOutcome cleared = book.update(id, StatusUpdate.findings(Set.of()));

    assertThat(cleared.status().reasons()).containsExactly(REASON_CROSS_CITY_TRAVEL);
    assertThat(cleared.status().color()).isEqualTo(Color.COLOR_YELLOW);
  }

  @Test
  void update_clearDeclaredReasons_dropsDeclaredReasonsAndOrigins() throws Exception {
    book.register(record(id, Set.of(REASON_FEVER_OR_RESPIRATORY_SYMPTOMS), List.of("420106")));
    book.setRiskAreas(List.of(new RiskArea("420000", "湖北省", RiskLevel.RISK_LEVEL_HIGH)));

    UpdateOutcome outcome =
        book.update(id, new StatusUpdate(Set.of(), true, List.of(), false, false));

    assertThat(outcome.status().reasons()).isEmpty();
    assertThat(outcome.status().color()).isEqualTo(Color.COLOR_GREEN);
  }

  @Test
  void update_exactly_setsThoseReasonsAndThatItinerary() throws Exception {
    book.register(record(id, Set.of(REASON_CLOSE_CONTACT), List.of()));
    book.setRiskAreas(List.of(new RiskArea("R-MEDIUM", "medium", RiskLevel.RISK_LEVEL_MEDIUM)));
    Visit visit = new Visit("R-MEDIUM", clock.instant().minus(Duration.ofDays(2)));

    UpdateOutcome outcome =
        book.update(id, StatusUpdate.exactly(Set.of(REASON_CROSS_CITY_TRAVEL), List.of(visit)));

    assertThat(outcome.status().color()).isEqualTo(Color.COLOR_YELLOW);
    assertThat(outcome.status().reasons()).containsExactly(REASON_CROSS_CITY_TRAVEL);
    assertThat(outcome.status().itinerary())
        .extracting(ItineraryEntry::riskLevel)
        .containsExactly(RiskLevel.RISK_LEVEL_MEDIUM);
  }

  @Test
  void update_visits_neverChangeColor_butGiveItineraryRisk() throws Exception {
    book.register(record(id, Set.of(), List.of()));
    book.setRiskAreas(List.of(new RiskArea("420106", "武昌区", RiskLevel.RISK_LEVEL_HIGH)));
    Visit wuchang = new Visit("420106", clock.instant().minus(Duration.ofDays(3)));
    Visit taiyuan = new Visit("140105", clock.instant().minus(Duration.ofDays(1)));

    UpdateOutcome outcome =
        book.update(id, new StatusUpdate(Set.of(), false, List.of(wuchang, taiyuan), false, false));

    assertThat(outcome.status().color()).isEqualTo(Color.COLOR_GREEN);
    assertThat(outcome.status().itineraryRisk()).isEqualTo(RiskLevel.RISK_LEVEL_HIGH);
    assertThat(outcome.status().itinerary())
        .extracting(ItineraryEntry::areaCode, ItineraryEntry::areaName, ItineraryEntry::riskLevel)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("420106", "武昌区", RiskLevel.RISK_LEVEL_HIGH),
            org.assertj.core.groups.Tuple.tuple("140105", "", RiskLevel.RISK_LEVEL_LOW));
    assertThat(outcome.sequence()).as("itinerary risk changed: gateways must hear").isEqualTo(1);
  }

  @Test
  void observe_itinerary_keepsOnlyTheLast14Days() throws Exception {
    book.register(record(id, Set.of(), List.of()));
    Instant visited = clock.instant().minus(Duration.ofDays(1));
    book.update(
        id, new StatusUpdate(Set.of(), false, List.of(new Visit("140105", visited)), false, false));

    clock.advance(Duration.ofDays(12).plusHours(23));
    assertThat(book.observe(id).orElseThrow().status().itineraryRisk())
        .isEqualTo(RiskLevel.RISK_LEVEL_LOW);
    clock.advance(Duration.ofHours(1)); // the visit is now exactly 14 days old
    Observation later = book.observe(id).orElseThrow();

    assertThat(later.status().itinerary()).isEmpty();
    assertThat(later.status().itineraryRisk()).isEqualTo(RiskLevel.RISK_LEVEL_UNSPECIFIED);
  }

  @Test
  void setRiskAreas_highOrigin_turnsRedFromKeyEpidemicArea() {
    book.register(record(id, Set.of(REASON_CROSS_CITY_TRAVEL), List.of("420106")));
    CodeId other = new CodeId(3, 4);
    book.register(record(other, Set.of(), List.of("110105")));

    int changed =
        book.setRiskAreas(List.of(new RiskArea("420000", "湖北省", RiskLevel.RISK_LEVEL_HIGH)));

    HolderStatus status = book.observe(id).orElseThrow().status();
    assertThat(changed).isEqualTo(1);
    assertThat(status.color()).isEqualTo(Color.COLOR_RED);
    assertThat(status.reasons())
        .containsExactly(REASON_FROM_KEY_EPIDEMIC_AREA, REASON_CROSS_CITY_TRAVEL);
    assertThat(book.observe(other).orElseThrow().status().color()).isEqualTo(Color.COLOR_GREEN);
    assertThat(feed.head()).as("only the touched code is published").isEqualTo(1);
  }

  @Test
  void setRiskAreas_mediumOrigin_turnsYellowFromHigherRiskCounty_andBackWhenLowered() {
    book.register(record(id, Set.of(), List.of("420106")));

    book.setRiskAreas(List.of(new RiskArea("420106", "武昌区", RiskLevel.RISK_LEVEL_MEDIUM)));
    assertThat(book.observe(id).orElseThrow().status().reasons())
        .containsExactly(REASON_FROM_HIGHER_RISK_COUNTY);
    assertThat(book.observe(id).orElseThrow().status().color()).isEqualTo(Color.COLOR_YELLOW);

    book.setRiskAreas(List.of(new RiskArea("420106", "武昌区", RiskLevel.RISK_LEVEL_LOW)));
    assertThat(book.observe(id).orElseThrow().status().color()).isEqualTo(Color.COLOR_GREEN);
    assertThat(feed.head()).isEqualTo(2);
  }

  @Test
  void revoke_publishesRevokedState_andLaterUpdatesChangeNothing() throws Exception {
    book.register(record(id, Set.of(), List.of()));

    UpdateOutcome revoked = book.update(id, StatusUpdate.revocation());
    UpdateOutcome after = book.update(id, StatusUpdate.findings(Set.of(REASON_CONFIRMED)));

    assertThat(revoked.status().state()).isEqualTo(CodeState.CODE_STATE_REVOKED);
    assertThat(revoked.sequence()).isEqualTo(1);
    assertThat(after.status().state()).isEqualTo(CodeState.CODE_STATE_REVOKED);
    assertThat(after.sequence()).isZero();
    assertThat(book.observe(id).orElseThrow().record().findings()).isEmpty();
  }

  @Test
  void update_unknownCode_throws_andPublishesNothing() {
    assertThatThrownBy(() -> book.update(id, StatusUpdate.findings(Set.of(REASON_CONFIRMED))))
        .isInstanceOf(UnknownCodeException.class);
    assertThat(feed.head()).isZero();
    assertThat(book.observe(id)).isEmpty();
  }

  @Test
  void observe_reportsTheSequenceItReflects() throws Exception {
    book.register(record(id, Set.of(), List.of()));
    book.update(id, StatusUpdate.findings(Set.of(REASON_SUSPECTED)));

    Observation seen = book.observe(id).orElseThrow();

    assertThat(seen.sequence()).isEqualTo(1);
    assertThat(seen.at()).isEqualTo(clock.instant());
  }

  private CodeRecord record(CodeId codeId, Set<Reason> declared, List<String> origins) {
    Instant now = clock.instant();
    return new CodeRecord(
        codeId,
        Holder.self("张*", "1508**********1235"),
        now,
        now.plus(Duration.ofDays(14)),
        CodeState.CODE_STATE_ACTIVE,
        declared,
        Set.of(),
        origins,
        List.of());
  }
}
