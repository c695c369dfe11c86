package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.status.FakeNode.Behavior;
import codefed.gateway.status.StatusLookup.Found;
import codefed.gateway.status.StatusLookup.Unreachable;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class NodeResilienceTest {
  private static final Duration FRESH = Duration.ofMinutes(5);
  private static final byte[] CODE = Codes.id(1);

  private InProcessFederation fed;
  private ExecutorService pool;

  @AfterEach
  void tearDown() {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (fed != null) {
      fed.close();
    }
  }

  private StatusLookup lookup(String issuer, int code) {
    return fed.source.lookup(issuer, Codes.id(code), Duration.ZERO);
  }

  @Test
  void nodeDown_breakerOpensAfterMinimumCalls_thenRefusesWithoutCallingNode() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.behavior = Behavior.UNAVAILABLE;

    for (int i = 0; i < 5; i++) {
      assertThat(lookup("150000", i)).isEqualTo(new Unreachable("node answered UNAVAILABLE"));
    }
    int callsWhenOpened = node.verifyCalls.get();
    StatusLookup refused = lookup("150000", 99);

    assertThat(callsWhenOpened).isEqualTo(10); // each lookup retried once
    assertThat(refused).isEqualTo(new Unreachable("circuit open"));
    assertThat(node.verifyCalls).hasValue(callsWhenOpened);
    assertThat(fed.listener.starting("state"))
        .containsExactly("state 150000 CLOSED", "state 150000 OPEN");
    assertThat(fed.listener.events).contains("call 150000 circuit_open");
  }

  @Test
  void breakerOpenForOneIssuer_otherIssuersAnswerNormally() {
    fed = new InProcessFederation("150000", "140000");
    fed.node("150000").behavior = Behavior.UNAVAILABLE;
    for (int i = 0; i < 6; i++) {
      lookup("150000", i);
    }

    StatusLookup other = lookup("140000", 1);

    assertThat(lookup("150000", 7)).isEqualTo(new Unreachable("circuit open"));
    assertThat(other).isInstanceOf(Found.class);
    assertThat(fed.listener.starting("state 140000")).containsExactly("state 140000 CLOSED");
  }

  @Test
  void openBreaker_afterOpenDurationOnFakeClock_halfOpenProbesCloseItWhenNodeIsBack() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.behavior = Behavior.UNAVAILABLE;
    for (int i = 0; i < 5; i++) {
      lookup("150000", i);
    }
    node.behavior = Behavior.ANSWER;
    fed.clock.advance(Duration.ofSeconds(4));
    assertThat(lookup("150000", 10)).isEqualTo(new Unreachable("circuit open"));

    fed.clock.advance(Duration.ofSeconds(1).plusMillis(1)); // Resilience4j: strictly after 5 s
    StatusLookup probe1 = lookup("150000", 11);
    StatusLookup probe2 = lookup("150000", 12);
    StatusLookup after = lookup("150000", 13);

    assertThat(probe1).isInstanceOf(Found.class);
    assertThat(probe2).isInstanceOf(Found.class);
    assertThat(after).isInstanceOf(Found.class);
    assertThat(fed.listener.starting("state"))
        .containsExactly(
            "state 150000 CLOSED",
            "state 150000 OPEN",
            "state 150000 HALF_OPEN",
            "state 150000 CLOSED");
  }

  @Test
  void halfOpenProbeFails_breakerOpensAgain() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.behavior = Behavior.UNAVAILABLE;
    for (int i = 0; i < 5; i++) {
      lookup("150000", i);
    }
    fed.clock.advance(Duration.ofSeconds(5).plusMillis(1));

    lookup("150000", 10);
    lookup("150000", 11);
    int calls = node.verifyCalls.get();

    assertThat(lookup("150000", 12)).isEqualTo(new Unreachable("circuit open"));
    assertThat(node.verifyCalls).hasValue(calls);
    assertThat(fed.listener.starting("state"))
        .endsWith("state 150000 HALF_OPEN", "state 150000 OPEN");
  }

  @Test
  void failuresOlderThanTheWindow_doNotOpenTheBreaker() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.behavior = Behavior.UNAVAILABLE;
    for (int i = 0; i < 4; i++) {
      lookup("150000", i);
    }
    fed.clock.advance(Duration.ofSeconds(11));

    lookup("150000", 5);

    assertThat(fed.listener.starting("state")).containsExactly("state 150000 CLOSED");
  }

  @ParameterizedTest
  @EnumSource(
      value = Behavior.class,
      names = {"INTERNAL", "INVALID_ARGUMENT"})
  void nonAvailabilityErrors_neitherRetriedNorOpeningTheBreaker(Behavior error) {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.behavior = error;

    for (int i = 0; i < 10; i++) {
      assertThat(lookup("150000", i)).isInstanceOf(Unreachable.class);
    }

    assertThat(node.verifyCalls).hasValue(10);
    assertThat(fed.listener.starting("state")).containsExactly("state 150000 CLOSED");
  }

  @Test
  void resourceExhausted_countsAsFailureWithoutRetry() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.behavior = Behavior.RESOURCE_EXHAUSTED;

    for (int i = 0; i < 5; i++) {
      lookup("150000", i);
    }

    assertThat(node.verifyCalls).hasValue(5);
    assertThat(fed.listener.starting("state"))
        .containsExactly("state 150000 CLOSED", "state 150000 OPEN");
  }

  @Test
  void unavailableOnce_retriedAndAnswered() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.script.add(Behavior.UNAVAILABLE);

    StatusLookup result = fed.source.lookup("150000", CODE, FRESH);

    assertThat(result).isInstanceOf(Found.class);
    assertThat(node.verifyCalls).hasValue(2);
    assertThat(fed.listener.starting("call"))
        .containsExactly("call 150000 unavailable", "call 150000 ok");
  }

  @Test
  void unavailableTwice_onlyOneRetry() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.script.add(Behavior.UNAVAILABLE);
    node.script.add(Behavior.UNAVAILABLE);

    StatusLookup result = fed.source.lookup("150000", CODE, FRESH);

    assertThat(result).isEqualTo(new Unreachable("node answered UNAVAILABLE"));
    assertThat(node.verifyCalls).hasValue(2);
  }

  @Test
  void hangingNode_deadlineExceededWithinBudget_notRetried() {
    fed = new InProcessFederation(b -> b.nodeDeadline(Duration.ofMillis(100)), "150000");
    FakeNode node = fed.node("150000");
    node.behavior = Behavior.HANG;

    long start = System.nanoTime();
    StatusLookup result = fed.source.lookup("150000", CODE, FRESH);
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(result).isEqualTo(new Unreachable("node answered DEADLINE_EXCEEDED"));
    assertThat(node.verifyCalls).hasValue(1);
    assertThat(tookMillis).isGreaterThanOrEqualTo(90).isLessThan(Await.LIMIT.toMillis());
  }

  @Test
  void bulkheadFull_refusesAtOnce_otherIssuerUnaffected() throws Exception {
    fed = new InProcessFederation(b -> b.bulkhead(1, Duration.ZERO), "150000", "140000");
    FakeNode slow = fed.node("150000");
    slow.behavior = Behavior.HANG;
    pool = Executors.newSingleThreadExecutor();
    Future<StatusLookup> inFlight = pool.submit(() -> fed.source.lookup("150000", CODE, FRESH));
    FakeNode.Held held = Await.next("call in flight", slow.hanging);

    StatusLookup second = fed.source.lookup("150000", Codes.id(2), FRESH);
    StatusLookup elsewhere = fed.source.lookup("140000", CODE, FRESH);
    slow.answer(held);

    assertThat(second).isEqualTo(new Unreachable("too many calls in flight"));
    assertThat(slow.verifyCalls).hasValue(1);
    assertThat(elsewhere).isInstanceOf(Found.class);
    assertThat(inFlight.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
    assertThat(fed.listener.events).contains("call 150000 bulkhead_full");
    slow.behavior = Behavior.ANSWER;
    assertThat(fed.source.lookup("150000", Codes.id(3), FRESH)).isInstanceOf(Found.class);
  }

  @Test
  void allCallsBusy_anotherIssuerIsRefusedAtOnce_untilAHangingCallEnds() throws Exception {
    fed = new InProcessFederation(b -> b.maxCallsInFlight(1), "150000", "140000");
    FakeNode slow = fed.node("150000");
    slow.behavior = Behavior.HANG;
    pool = Executors.newSingleThreadExecutor();
    Future<StatusLookup> inFlight = pool.submit(() -> fed.source.lookup("150000", CODE, FRESH));
    FakeNode.Held held = Await.next("call in flight", slow.hanging);

    StatusLookup elsewhere = fed.source.lookup("140000", CODE, FRESH);
    slow.answer(held);

    assertThat(elsewhere)
        .isEqualTo(new Unreachable("too many node calls in flight across issuers"));
    assertThat(fed.node("140000").verifyCalls).hasValue(0);
    assertThat(fed.listener.events).contains("call 140000 all_calls_busy");
    assertThat(inFlight.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
    assertThat(fed.source.lookup("140000", CODE, FRESH)).isInstanceOf(Found.class);
  }
}
