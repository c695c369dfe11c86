package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.status.FakeNode.Behavior;
import codefed.gateway.status.StatusLookup.Found;
import codefed.gateway.status.StatusLookup.Unreachable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An issuer whose node slows down sharply gets a lower in-flight limit when the limit is adaptive:
 * a call beyond it waits (holding no thread, not sent) and is sent when one ends; a wait that runs
 * out is refused as {@code bulkhead_full} and never reaches the node. Round trips are measured on
 * the fake ticker: the test moves it while calls are held.
 */
class AdaptiveIssuerLimitTest {
  private static final Duration FRESH = Duration.ofMinutes(5);
  private static final String ISSUER = "150000";
  private static final int MAX = 8;

  private InProcessFederation fed;
  private int nextCode;

  @AfterEach
  void tearDown() {
    if (fed != null) {
      fed.close();
    }
  }

  private InProcessFederation federation(Duration bulkheadWait) {
    return new InProcessFederation(
        b -> b.bulkhead(MAX, bulkheadWait).adaptiveLimit(new AdaptiveLimitSettings(2, MAX)),
        ISSUER);
  }

  private CompletableFuture<StatusLookup> lookup() {
    return fed.source.lookupAsync(ISSUER, Codes.id(++nextCode), FRESH);
  }

  /** Calls held by the node, {@code n} of them sent at once. */
  private List<FakeNode.Held> hold(FakeNode node, int n, List<CompletableFuture<StatusLookup>> out)
      throws InterruptedException {
    List<FakeNode.Held> held = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(lookup());
      held.add(Await.next("call in flight", node.hanging));
    }
    return held;
  }

  /** 1 ms round trips, one at a time, then a burst of {@code MAX} calls taking 50 ms each. */
  private void nodeSlowsDown(FakeNode node) throws Exception {
    node.behavior = Behavior.HANG;
    for (int i = 0; i < 20; i++) {
      List<CompletableFuture<StatusLookup>> one = new ArrayList<>();
      FakeNode.Held held = hold(node, 1, one).get(0);
      fed.ticker.advance(Duration.ofMillis(1));
      node.answer(held);
      assertThat(one.get(0).get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
    }
    assertThat(fed.source.callLimit(ISSUER)).isEqualTo(MAX);
    List<CompletableFuture<StatusLookup>> burst = new ArrayList<>();
    List<FakeNode.Held> held = hold(node, MAX, burst);
    fed.ticker.advance(Duration.ofMillis(50));
    for (FakeNode.Held h : held) {
      node.answer(h);
    }
    for (CompletableFuture<StatusLookup> f : burst) {
      assertThat(f.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
    }
  }

  @Test
  void nodeSlowsDown_limitFalls_callBeyondItWaitsUnsent_thenSentWhenOneEnds() throws Exception {
    fed = federation(Duration.ofSeconds(30));
    FakeNode node = fed.node(ISSUER);
    nodeSlowsDown(node);
    int lowered = fed.source.callLimit(ISSUER);
    assertThat(lowered).isLessThan(MAX).isGreaterThanOrEqualTo(2);
    // The ticker stands still from here: no round trip to learn from, the limit stays put.
    List<CompletableFuture<StatusLookup>> inFlight = new ArrayList<>();
    List<FakeNode.Held> held = hold(node, lowered, inFlight);
    int sent = node.verifyCalls.get();

    CompletableFuture<StatusLookup> beyond = lookup();

    assertThat(beyond).isNotDone(); // neither refused at once nor answered
    assertThat(node.verifyCalls).hasValue(sent); // not sent: fewer than MAX in flight, yet waits
    assertThat(node.hanging).isEmpty();
    node.answer(held.get(0));
    FakeNode.Held next = Await.next("the waiting call sent", node.hanging);
    assertThat(node.verifyCalls).hasValue(sent + 1);
    node.answer(next);
    assertThat(beyond.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
    for (int i = 1; i < held.size(); i++) {
      node.answer(held.get(i));
    }
    for (CompletableFuture<StatusLookup> f : inFlight) {
      assertThat(f.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
    }
    assertThat(fed.listener.events).doesNotContain("call " + ISSUER + " bulkhead_full");
    assertThat(fed.source.callLimit(ISSUER)).isEqualTo(lowered);
  }

  @Test
  void nodeSlowsDown_waitBeyondLoweredLimitRunsOut_bulkheadFull_nodeNeverCalledForIt()
      throws Exception {
    fed = federation(Duration.ofMillis(100));
    FakeNode node = fed.node(ISSUER);
    nodeSlowsDown(node);
    int lowered = fed.source.callLimit(ISSUER);
    assertThat(lowered).isLessThan(MAX);
    List<CompletableFuture<StatusLookup>> inFlight = new ArrayList<>();
    List<FakeNode.Held> held = hold(node, lowered, inFlight);
    int sent = node.verifyCalls.get();

    StatusLookup beyond = lookup().get(5, TimeUnit.SECONDS);

    assertThat(beyond).isEqualTo(new Unreachable("too many calls in flight"));
    assertThat(fed.listener.events).containsOnlyOnce("call " + ISSUER + " bulkhead_full");
    assertThat(node.verifyCalls).hasValue(sent);
    assertThat(node.hanging).isEmpty();
    held.forEach(node::answer);
    for (CompletableFuture<StatusLookup> f : inFlight) {
      assertThat(f.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
    }
    assertThat(node.verifyCalls).hasValue(sent); // the refused scan was not sent later either
    assertThat(fed.listener.starting("state")).containsExactly("state " + ISSUER + " CLOSED");
  }

  @Test
  void fixedByDefault_slowNodeLeavesTheLimit() throws Exception {
    fed = new InProcessFederation(b -> b.bulkhead(MAX, Duration.ofSeconds(30)), ISSUER);
    FakeNode node = fed.node(ISSUER);

    nodeSlowsDown(node);

    assertThat(fed.source.callLimit(ISSUER)).isEqualTo(MAX);
    List<CompletableFuture<StatusLookup>> inFlight = new ArrayList<>();
    List<FakeNode.Held> held = hold(node, MAX, inFlight); // all MAX sent at once, none waits
    assertThat(held).hasSize(MAX);
    held.forEach(node::answer);
  }
}
