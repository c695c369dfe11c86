package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.status.StatusLookup.Found;
import codefed.gateway.status.StatusLookup.Unreachable;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.Color;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StatusCachingTest {
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final byte[] CODE = Codes.id(1);

  private InProcessFederation fed;

  @AfterEach
  void tearDown() {
    if (fed != null) {
      fed.close();
    }
  }

  @Test
  void lookup_miss_asksIssuerNodeAndReturnsVerifiedAnswer() {
    fed = new InProcessFederation("150000");

    StatusLookup result = fed.source.lookup("150000", CODE, FIVE_MINUTES);

    assertThat(result).isInstanceOf(Found.class);
    Found found = (Found) result;
    assertThat(found.fromCache()).isFalse();
    assertThat(found.assertion().getCodeId()).isEqualTo(ByteString.copyFrom(CODE));
    assertThat(found.assertion().getColor()).isEqualTo(Color.COLOR_GREEN);
    assertThat(found.assertion().getNonce().size()).isEqualTo(16);
    assertThat(found.signed().getAssertion()).isEqualTo(found.assertion().toByteString());
    assertThat(fed.node("150000").verifyCalls).hasValue(1);
    assertThat(fed.listener.events).contains("miss 150000", "call 150000 ok");
  }

  @Test
  void lookup_repeatYoungerThanMaxAge_servedFromCacheWithoutNodeCall() {
    fed = new InProcessFederation("150000");
    Found first = (Found) fed.source.lookup("150000", CODE, FIVE_MINUTES);
    fed.clock.advance(FIVE_MINUTES.minusNanos(1));

    StatusLookup second = fed.source.lookup("150000", CODE, FIVE_MINUTES);

    assertThat(second).isEqualTo(new Found(first.assertion(), first.signed(), true));
    assertThat(fed.node("150000").verifyCalls).hasValue(1);
    assertThat(fed.listener.events).contains("hit 150000");
  }

  @Test
  void lookup_cachedAnswerExactlyMaxAgeOld_asksNodeAgain() {
    fed = new InProcessFederation("150000");
    fed.source.lookup("150000", CODE, FIVE_MINUTES);
    fed.clock.advance(FIVE_MINUTES);

    Found again = (Found) fed.source.lookup("150000", CODE, FIVE_MINUTES);

    assertThat(again.fromCache()).isFalse();
    assertThat(fed.node("150000").verifyCalls).hasValue(2);
  }

  @Test
  void lookup_freshnessIsPerCall_shorterMaxAgeRefusesAnswerLongerOneAccepts() {
    fed = new InProcessFederation("150000");
    fed.source.lookup("150000", CODE, FIVE_MINUTES);
    fed.clock.advance(Duration.ofMinutes(2));

    Found strict = (Found) fed.source.lookup("150000", CODE, Duration.ofMinutes(1));
    fed.clock.advance(Duration.ofMinutes(1));
    Found lax = (Found) fed.source.lookup("150000", CODE, FIVE_MINUTES);

    assertThat(strict.fromCache()).isFalse();
    assertThat(lax.fromCache()).isTrue();
    assertThat(fed.node("150000").verifyCalls).hasValue(2);
  }

  @Test
  void lookup_maxAgeZero_alwaysAsksNode() {
    fed = new InProcessFederation("150000");

    fed.source.lookup("150000", CODE, Duration.ZERO);
    fed.source.lookup("150000", CODE, Duration.ZERO);

    assertThat(fed.node("150000").verifyCalls).hasValue(2);
  }

  @Test
  void lookup_answerPastItsValidUntil_notServedFromCache() {
    fed = new InProcessFederation("150000");
    fed.node("150000").validFor = Duration.ofMinutes(1);
    fed.source.lookup("150000", CODE, FIVE_MINUTES);
    fed.clock.advance(Duration.ofMinutes(1));

    Found again = (Found) fed.source.lookup("150000", CODE, FIVE_MINUTES);

    assertThat(again.fromCache()).isFalse();
    assertThat(fed.node("150000").verifyCalls).hasValue(2);
  }

  @Test
  void lookup_sameCodeIdOtherIssuer_isAnotherEntry() {
    fed = new InProcessFederation("150000", "140000");
    fed.source.lookup("150000", CODE, FIVE_MINUTES);

    Found other = (Found) fed.source.lookup("140000", CODE, FIVE_MINUTES);

    assertThat(other.fromCache()).isFalse();
    assertThat(other.assertion().getIssuer()).isEqualTo("140000");
  }

  @Test
  void lookup_issuerWithoutPeer_unreachableWithoutAnyCall() {
    fed = new InProcessFederation("150000");

    StatusLookup result = fed.source.lookup("420000", CODE, FIVE_MINUTES);

    assertThat(result).isEqualTo(new Unreachable("no federation peer for issuer 420000"));
    assertThat(fed.node("150000").verifyCalls).hasValue(0);
    assertThat(fed.listener.starting("call")).isEmpty();
  }

  @Test
  void cache_boundedByMaxEntries() {
    fed = new InProcessFederation(b -> b.maxEntries(2), "150000");

    for (int i = 0; i < 5; i++) {
      fed.source.lookup("150000", Codes.id(i), FIVE_MINUTES);
    }

    assertThat(fed.source.cachedEntries()).isLessThanOrEqualTo(2);
  }

  @Test
  void cache_entriesDroppedAfterRetention() {
    fed = new InProcessFederation(b -> b.cacheRetention(Duration.ofMinutes(1)), "150000");
    fed.source.lookup("150000", CODE, FIVE_MINUTES);

    fed.clock.advance(Duration.ofMinutes(1));

    assertThat(fed.source.cachedEntries()).isZero();
  }

  @Test
  void lookup_negativeMaxAge_rejected() {
    fed = new InProcessFederation("150000");

    assertThatThrownBy(() -> fed.source.lookup("150000", CODE, Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxAge: PT-1S (expected: >= 0)");
    assertThat(fed.node("150000").verifyCalls).hasValue(0);
  }

  @Test
  void answerAssertedBeyondTheClockLead_returnedForTheRecord_neverCached() {
    fed = new InProcessFederation("150000");
    fed.node("150000").clockAhead = Duration.ofMinutes(2).plusSeconds(1);

    Found first = (Found) fed.source.lookup("150000", CODE, FIVE_MINUTES);
    Found second = (Found) fed.source.lookup("150000", CODE, FIVE_MINUTES);

    assertThat(first.fromCache()).isFalse();
    assertThat(second.fromCache()).isFalse();
    assertThat(fed.node("150000").verifyCalls).hasValue(2);
    assertThat(fed.source.cachedEntries()).isZero();
  }

  @Test
  void answerAssertedWithinTheClockLead_cached() {
    fed = new InProcessFederation("150000");
    fed.node("150000").clockAhead = Duration.ofMinutes(2);

    fed.source.lookup("150000", CODE, FIVE_MINUTES);

    assertThat(((Found) fed.source.lookup("150000", CODE, FIVE_MINUTES)).fromCache()).isTrue();
  }
}
