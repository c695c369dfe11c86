package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.status.FakeNode.Behavior;
import codefed.gateway.status.StatusLookup.Found;
import codefed.gateway.status.StatusLookup.Unreachable;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A healthy issuer that is merely busy (its in-flight limit reached) makes scans wait for a slot,
 * holding no thread, instead of sending them to the unreachable path; only a wait that runs out or
 * a full queue refuses, and then the node is never called for that scan.
 */
class BusyIssuerTest {
  private static final Duration FRESH = Duration.ofMinutes(5);

  private InProcessFederation fed;

  @AfterEach
  void tearDown() {
    if (fed != null) {
      fed.close();
    }
  }

  @Test
  void limitReached_lookupQueuesWithoutAThread_thenGetsTheNodesAnswer() throws Exception {
    fed = new InProcessFederation(b -> b.bulkhead(1, Duration.ofSeconds(30)), "150000");
    FakeNode node = fed.node("150000");
    node.behavior = Behavior.HANG;

    CompletableFuture<StatusLookup> first = fed.source.lookupAsync("150000", Codes.id(1), FRESH);
    FakeNode.Held held = Await.next("first call in flight", node.hanging);
    // Both calls returned to this thread at once: neither holds it while the node is busy.
    CompletableFuture<StatusLookup> second = fed.source.lookupAsync("150000", Codes.id(2), FRESH);

    assertThat(first).isNotDone();
    assertThat(second).isNotDone();
    assertThat(node.verifyCalls).hasValue(1); // the second waits for a slot, not sent yet
    node.behavior = Behavior.ANSWER;
    node.answer(held);

    assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
    assertThat(second.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
    assertThat(node.verifyCalls).hasValue(2);
    assertThat(fed.listener.starting("call ")).containsExactly("call 150000 ok", "call 150000 ok");
    assertThat(fed.source.lookup("150000", Codes.id(3), FRESH)).isInstanceOf(Found.class);
  }

  @Test
  void waitRunsOut_unreachable_nodeNeverCalledForIt_slotStillReturned() throws Exception {
    fed = new InProcessFederation(b -> b.bulkhead(1, Duration.ofMillis(100)), "150000");
    FakeNode node = fed.node("150000");
    node.behavior = Behavior.HANG;
    CompletableFuture<StatusLookup> first = fed.source.lookupAsync("150000", Codes.id(1), FRESH);
    FakeNode.Held held = Await.next("first call in flight", node.hanging);

    StatusLookup second =
        fed.source.lookupAsync("150000", Codes.id(2), FRESH).get(5, TimeUnit.SECONDS);

    assertThat(second).isEqualTo(new Unreachable("too many calls in flight"));
    assertThat(node.verifyCalls).hasValue(1);
    assertThat(fed.listener.events).contains("call 150000 bulkhead_full");
    node.behavior = Behavior.ANSWER;
    node.answer(held);
    assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
    assertThat(fed.source.lookup("150000", Codes.id(3), FRESH)).isInstanceOf(Found.class);
    assertThat(fed.listener.starting("state")).containsExactly("state 150000 CLOSED");
  }

  @Test
  void queueFull_refusedAtOnce_queuedOnesStillAnswered() throws Exception {
    fed =
        new InProcessFederation(
            b -> b.bulkhead(1, Duration.ofSeconds(30)).maxQueuedCalls(1), "150000");
    FakeNode node = fed.node("150000");
    node.behavior = Behavior.HANG;
    CompletableFuture<StatusLookup> first = fed.source.lookupAsync("150000", Codes.id(1), FRESH);
    FakeNode.Held held = Await.next("first call in flight", node.hanging);
    CompletableFuture<StatusLookup> queued = fed.source.lookupAsync("150000", Codes.id(2), FRESH);

    CompletableFuture<StatusLookup> third = fed.source.lookupAsync("150000", Codes.id(3), FRESH);

    assertThat(third).isCompletedWithValue(new Unreachable("too many calls in flight"));
    assertThat(queued).isNotDone();
    node.behavior = Behavior.ANSWER;
    node.answer(held);
    assertThat(first.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
    assertThat(queued.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
    assertThat(node.verifyCalls).hasValue(2);
  }

  @Test
  void realFailureWhileOthersWait_failsOnlyThatCall_waiterGetsTheSlotAndAnAnswer()
      throws Exception {
    fed = new InProcessFederation(b -> b.bulkhead(1, Duration.ofSeconds(30)), "150000");
    FakeNode node = fed.node("150000");
    node.behavior = Behavior.HANG;
    CompletableFuture<StatusLookup> first = fed.source.lookupAsync("150000", Codes.id(1), FRESH);
    FakeNode.Held held = Await.next("first call in flight", node.hanging);
    CompletableFuture<StatusLookup> queued = fed.source.lookupAsync("150000", Codes.id(2), FRESH);

    node.behavior = Behavior.ANSWER;
    held.response().onError(io.grpc.Status.INTERNAL.asRuntimeException());

    assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(new Unreachable("node answered INTERNAL"));
    assertThat(queued.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
  }
}
