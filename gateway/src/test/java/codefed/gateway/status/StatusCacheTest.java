package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.status.StatusCache.Completion;
import codefed.gateway.status.StatusCache.Fetch;
import codefed.time.MutableClock;
import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UnknownFieldSet;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.ItineraryVisit;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The cache's ordering rules, driven directly (no node, no stream). */
class StatusCacheTest {
  private static final Duration FRESH = Duration.ofMinutes(5);
  private static final ByteString CODE = ByteString.copyFrom(Codes.id(1));
  private static final StatusKey KEY = StatusKey.of("150000", CODE);

  private final MutableClock clock = new MutableClock(InProcessFederation.START);
  private final StatusCache cache = new StatusCache(100, Duration.ofMinutes(10), clock);

  private static StatusAssertion answer(Color color, long statusSequence) {
    return StatusAssertion.newBuilder()
        .setIssuer("150000")
        .setCodeId(CODE)
        .setState(CodeState.CODE_STATE_ACTIVE)
        .setColor(color)
        .setStatusSequence(statusSequence)
        .build();
  }

  /** Signed as a node signs: the signature covers the serialized assertion. */
  private static SignedAssertion signed(StatusAssertion a) {
    return SignedAssertion.newBuilder()
        .setAssertion(a.toByteString())
        .setKeyId(a.getIssuer() + "-ed25519-1")
        .setSignature(ByteString.copyFrom(new byte[64]))
        .build();
  }

  private Completion complete(Fetch f, StatusAssertion a) {
    return cache.complete(f, a, signed(a));
  }

  private Completion fetch(Color color, long statusSequence) {
    return complete(cache.begin(KEY), answer(color, statusSequence));
  }

  private Color cachedColor() {
    return cache.fresh(KEY, FRESH).map(e -> e.found().assertion().getColor()).orElse(null);
  }

  @Test
  void complete_noChangeMeanwhile_cached() {
    assertThat(fetch(Color.COLOR_GREEN, 3)).isEqualTo(Completion.CACHED);
    assertThat(cachedColor()).isEqualTo(Color.COLOR_GREEN);
  }

  @Test
  void complete_changeAnnouncedWhileInFlightNotReflected_staleAndNotCached() {
    Fetch f = cache.begin(KEY);
    cache.onChange("150000", CODE, 4);

    Completion c = complete(f, answer(Color.COLOR_GREEN, 3));

    assertThat(c).isEqualTo(Completion.STALE);
    assertThat(cachedColor()).isNull();
  }

  @Test
  void complete_changeAnnouncedWhileInFlightAndReflected_cached() {
    Fetch f = cache.begin(KEY);
    cache.onChange("150000", CODE, 4);

    Completion c = complete(f, answer(Color.COLOR_RED, 4));

    assertThat(c).isEqualTo(Completion.CACHED);
    assertThat(cachedColor()).isEqualTo(Color.COLOR_RED);
  }

  @Test
  void complete_everyConcurrentFetchOfTheCode_seesTheChange() {
    Fetch first = cache.begin(KEY);
    Fetch second = cache.begin(KEY);
    cache.onChange("150000", CODE, 4);

    assertThat(complete(first, answer(Color.COLOR_GREEN, 3))).isEqualTo(Completion.STALE);
    assertThat(complete(second, answer(Color.COLOR_GREEN, 3))).isEqualTo(Completion.STALE);
    assertThat(cachedColor()).isNull();
  }

  @Test
  void complete_changeOfAnotherIssuersCodeWithSameId_noEffect() {
    Fetch f = cache.begin(KEY);
    cache.onChange("140000", CODE, 9);

    assertThat(complete(f, answer(Color.COLOR_GREEN, 3))).isEqualTo(Completion.CACHED);
  }

  @Test
  void complete_issuerDroppedWhileInFlight_notCached() {
    Fetch f = cache.begin(KEY);
    cache.dropIssuer("150000");

    Completion c = complete(f, answer(Color.COLOR_GREEN, 3));

    assertThat(c).isEqualTo(Completion.RESET);
    assertThat(cachedColor()).isNull();
  }

  @Test
  void complete_olderAnswerThanCached_keepsNewer() {
    Fetch slow = cache.begin(KEY);
    fetch(Color.COLOR_RED, 5);

    Completion c = complete(slow, answer(Color.COLOR_GREEN, 4));

    assertThat(c).isEqualTo(Completion.KEPT_NEWER);
    assertThat(cachedColor()).isEqualTo(Color.COLOR_RED);
  }

  @Test
  void onChange_laterThanCachedAnswer_removesIt_earlierOrEqualKeepsIt() {
    fetch(Color.COLOR_GREEN, 5);

    cache.onChange("150000", CODE, 5);
    assertThat(cachedColor()).isEqualTo(Color.COLOR_GREEN);

    cache.onChange("150000", CODE, 6);
    assertThat(cachedColor()).isNull();
  }

  @Test
  void answerWithoutStatusSequence_ordersByStreamPositionAtRequestTime() {
    cache.onChange("150000", ByteString.copyFrom(Codes.id(9)), 7); // stream at 7
    fetch(Color.COLOR_GREEN, 0);

    cache.onChange("150000", CODE, 7); // a replay of what the node had done before the request
    assertThat(cachedColor()).isEqualTo(Color.COLOR_GREEN);

    cache.onChange("150000", CODE, 8);
    assertThat(cachedColor()).isNull();
  }

  @Test
  void dropIssuer_removesOnlyThatIssuer() {
    fetch(Color.COLOR_GREEN, 1);
    StatusKey other = StatusKey.of("140000", CODE);
    complete(
        cache.begin(other), answer(Color.COLOR_GREEN, 1).toBuilder().setIssuer("140000").build());

    cache.dropIssuer("150000");

    assertThat(cachedColor()).isNull();
    assertThat(cache.fresh(other, FRESH)).isPresent();
  }

  @Test
  void dropIssuer_restartsSequenceNumbering_newAnswersCachedNormally() {
    cache.onChange("150000", ByteString.copyFrom(Codes.id(9)), 500);
    cache.dropIssuer("150000"); // e.g. the node restarted and numbers from 1 again

    fetch(Color.COLOR_GREEN, 0);
    cache.onChange("150000", CODE, 1);

    assertThat(cachedColor()).isNull();
  }

  @Test
  void fresh_ageReachesMaxAge_notServed() {
    fetch(Color.COLOR_GREEN, 1);

    clock.advance(FRESH.minusMillis(1));
    assertThat(cache.fresh(KEY, FRESH)).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(cache.fresh(KEY, FRESH)).isEmpty();
  }

  @Test
  void fresh_clockSetBackBeforeTheFetch_notServed() {
    fetch(Color.COLOR_GREEN, 1);

    clock.advance(Duration.ofSeconds(-1));

    assertThat(cache.fresh(KEY, FRESH)).isEmpty();
  }

  @Test
  void fresh_hit_isTheInsertedAnswerByteForByte() throws Exception {
    Instant now = clock.instant();
    StatusAssertion a =
        answer(Color.COLOR_YELLOW, 3).toBuilder()
            .addReasons(Reason.REASON_CROSS_CITY_TRAVEL)
            .addItinerary(
                ItineraryVisit.newBuilder()
                    .setAreaCode("140105")
                    .setAreaName("小店区")
                    .setRiskLevel(RiskLevel.RISK_LEVEL_MEDIUM)
                    .setVisitedAt(ts(now.minusSeconds(86_400))))
            .setItineraryRisk(RiskLevel.RISK_LEVEL_MEDIUM)
            .setMaskedName("张*")
            .setMaskedIdNumber("1401**********4562")
            .setValidUntil(ts(now.plusSeconds(300)))
            .setAssertedAt(ts(now))
            .setNonce(ByteString.copyFrom(Codes.id(7)))
            .build();
    // As received from the wire, with a field this version does not know (number 99).
    byte[] wire =
        signed(a).toBuilder()
            .setUnknownFields(
                UnknownFieldSet.newBuilder()
                    .addField(99, UnknownFieldSet.Field.newBuilder().addVarint(42).build())
                    .build())
            .build()
            .toByteArray();
    SignedAssertion received = SignedAssertion.parseFrom(wire);
    StatusAssertion verified = StatusAssertion.parseFrom(received.getAssertion());

    assertThat(cache.complete(cache.begin(KEY), verified, received)).isEqualTo(Completion.CACHED);
    StatusLookup.Found hit = cache.fresh(KEY, FRESH).orElseThrow().found();

    assertThat(hit.fromCache()).isTrue();
    assertThat(hit.signed()).isEqualTo(received);
    assertThat(hit.signed().toByteArray()).isEqualTo(wire);
    assertThat(hit.signed().getAssertion()).isEqualTo(a.toByteString());
    assertThat(hit.assertion()).isEqualTo(verified).isEqualTo(a);
    assertThat(hit).isEqualTo(new StatusLookup.Found(verified, received, true));
  }

  @Test
  void fresh_validUntilReached_notServed() {
    StatusAssertion a =
        answer(Color.COLOR_GREEN, 1).toBuilder()
            .setValidUntil(ts(clock.instant().plusSeconds(60)))
            .build();
    complete(cache.begin(KEY), a);

    clock.advance(Duration.ofSeconds(60).minusNanos(1));
    assertThat(cache.fresh(KEY, FRESH)).isPresent();
    clock.advance(Duration.ofNanos(1));
    assertThat(cache.fresh(KEY, FRESH)).isEmpty();
  }

  @Test
  void fresh_validUntilBeyondTheNanosecondRange_servedUntilMaxAge() {
    StatusAssertion a =
        answer(Color.COLOR_GREEN, 1).toBuilder()
            .setValidUntil(Timestamp.newBuilder().setSeconds(253_402_300_799L)) // 9999-12-31
            .build();
    complete(cache.begin(KEY), a);

    clock.advance(FRESH.minusMillis(1));
    assertThat(cache.fresh(KEY, FRESH)).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(cache.fresh(KEY, FRESH)).isEmpty();
  }

  @Test
  void fresh_maxAgeBeyondTheNanosecondRange_servesTheAnswer() {
    fetch(Color.COLOR_GREEN, 1);

    assertThat(cache.fresh(KEY, Duration.ofDays(365L * 1000))).isPresent();
  }

  @Test
  void nonNumericIssuer_cachedChangedAndDroppedLikeAnyOther() {
    StatusKey national = StatusKey.of("NATIONAL", CODE);
    StatusKey other = StatusKey.of("XINJIANG-BT", CODE);
    complete(
        cache.begin(national),
        answer(Color.COLOR_GREEN, 1).toBuilder().setIssuer("NATIONAL").build());
    complete(
        cache.begin(other),
        answer(Color.COLOR_RED, 1).toBuilder().setIssuer("XINJIANG-BT").build());
    fetch(Color.COLOR_GREEN, 1);

    cache.onChange("XINJIANG-BT", CODE, 2);
    assertThat(cache.fresh(other, FRESH)).isEmpty();
    assertThat(cache.fresh(national, FRESH)).isPresent();

    cache.dropIssuer("NATIONAL");
    assertThat(cache.fresh(national, FRESH)).isEmpty();
    assertThat(cachedColor()).isEqualTo(Color.COLOR_GREEN);
  }

  @Test
  void codeIdOfAnotherLength_cachedAndChangedLikeAnyOther() {
    ByteString longId = ByteString.copyFrom(new byte[32]);
    StatusKey key = StatusKey.of("150000", longId);
    complete(cache.begin(key), answer(Color.COLOR_GREEN, 1).toBuilder().setCodeId(longId).build());
    fetch(Color.COLOR_RED, 1);

    assertThat(cache.fresh(StatusKey.of("150000", new byte[32]), FRESH)).isPresent();
    cache.onChange("150000", longId, 2);
    assertThat(cache.fresh(key, FRESH)).isEmpty();
    assertThat(cachedColor()).isEqualTo(Color.COLOR_RED);
  }

  private static Timestamp ts(Instant t) {
    return ProtoTime.timestamp(t);
  }
}
