package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.status.StatusCache.Completion;
import codefed.gateway.status.StatusCache.Fetch;
import codefed.gateway.status.StatusCache.Key;
import codefed.gateway.testing.MutableClock;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The cache's ordering rules, driven directly (no node, no stream). */
class StatusCacheTest {
  private static final Duration FRESH = Duration.ofMinutes(5);
  private static final ByteString CODE = ByteString.copyFrom(Codes.id(1));
  private static final Key KEY = new Key("150000", CODE);

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

  private Completion fetch(Color color, long statusSequence) {
    StatusAssertion a = answer(color, statusSequence);
    return cache.complete(cache.begin(KEY), a, SignedAssertion.getDefaultInstance());
  }

  private Color cachedColor() {
    return cache.fresh(KEY, FRESH).map(e -> e.assertion().getColor()).orElse(null);
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

    Completion c = cache.complete(f, answer(Color.COLOR_GREEN, 3), SignedAssertion.getDefaultInstance());

    assertThat(c).isEqualTo(Completion.STALE);
    assertThat(cachedColor()).isNull();
  }

  @Test
  void complete_changeAnnouncedWhileInFlightAndReflected_cached() {
    Fetch f = cache.begin(KEY);
    cache.onChange("150000", CODE, 4);

    Completion c = cache.complete(f, answer(Color.COLOR_RED, 4), SignedAssertion.getDefaultInstance());

    assertThat(c).isEqualTo(Completion.CACHED);
    assertThat(cachedColor()).isEqualTo(Color.COLOR_RED);
  }

  @Test
  void complete_everyConcurrentFetchOfTheCode_seesTheChange() {
    Fetch first = cache.begin(KEY);
    Fetch second = cache.begin(KEY);
    cache.onChange("150000", CODE, 4);

    assertThat(cache.complete(first, answer(Color.COLOR_GREEN, 3), SignedAssertion.getDefaultInstance()))
        .isEqualTo(Completion.STALE);
    assertThat(cache.complete(second, answer(Color.COLOR_GREEN, 3), SignedAssertion.getDefaultInstance()))
        .isEqualTo(Completion.STALE);
    assertThat(cachedColor()).isNull();
  }

  @Test
  void complete_changeOfAnotherIssuersCodeWithSameId_noEffect() {
    Fetch f = cache.begin(KEY);
    cache.onChange("140000", CODE, 9);

    assertThat(cache.complete(f, answer(Color.COLOR_GREEN, 3), SignedAssertion.getDefaultInstance()))
        .isEqualTo(Completion.CACHED);
  }

  @Test
  void complete_issuerDroppedWhileInFlight_notCached() {
    Fetch f = cache.begin(KEY);
    cache.dropIssuer("150000");

    Completion c = cache.complete(f, answer(Color.COLOR_GREEN, 3), SignedAssertion.getDefaultInstance());

    assertThat(c).isEqualTo(Completion.RESET);
    assertThat(cachedColor()).isNull();
  }

  @Test
  void complete_olderAnswerThanCached_keepsNewer() {
    Fetch slow = cache.begin(KEY);
    fetch(Color.COLOR_RED, 5);

    Completion c = cache.complete(slow, answer(Color.COLOR_GREEN, 4), SignedAssertion.getDefaultInstance());

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
    Key other = new Key("140000", CODE);
    cache.complete(cache.begin(other), answer(Color.COLOR_GREEN, 1).toBuilder().setIssuer("140000").build(),
        SignedAssertion.getDefaultInstance());

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
}
