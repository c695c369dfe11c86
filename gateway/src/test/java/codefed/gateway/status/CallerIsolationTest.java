package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.status.StatusLookup.Found;
import io.grpc.Context;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lookup made inside an inbound call's context (as the recognition service does) is not cut short
 * by that call's cancellation or deadline: the node call runs on the gateway's own budget,
 * succeeds, is cached, and the breaker hears only of its success.
 */
class CallerIsolationTest {
  private static final byte[] CODE = Codes.id(1);

  /** Fires the callers' deadlines. */
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

  /** Where the callers wait for their lookups. */
  private final java.util.concurrent.ExecutorService callers = Executors.newFixedThreadPool(2);

  private InProcessFederation fed;

  @AfterEach
  void tearDown() {
    timer.shutdownNow();
    callers.shutdownNow();
    if (fed != null) {
      fed.close();
    }
  }

  /** A lookup as a service method makes it: inside the inbound call's context. */
  private StatusLookup lookupWithin(Context inbound, byte[] code) {
    Context previous = inbound.attach();
    try {
      return fed.source.lookup("150000", code, Duration.ofMinutes(5));
    } finally {
      inbound.detach(previous);
    }
  }

  @Test
  void callerCancelledDuringNodeCall_nodeCallCompletes_cachedAndCountedOk() throws Exception {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.behavior = FakeNode.Behavior.HANG;
    Context.CancellableContext inbound = Context.current().withCancellation();

    CompletableFuture<StatusLookup> lookup =
        CompletableFuture.supplyAsync(() -> lookupWithin(inbound, CODE), callers);
    FakeNode.Held held = Await.next("the node call", node.hanging);
    inbound.cancel(null); // the checkpoint went away
    node.behavior = FakeNode.Behavior.ANSWER;
    node.answer(held);

    assertThat(lookup.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
    assertThat(fed.listener.starting("call ")).containsExactly("call 150000 ok");
    assertThat(((Found) fed.source.lookup("150000", CODE, Duration.ofMinutes(5))).fromCache())
        .isTrue();
  }

  @Test
  void callerDeadlineShorterThanTheNode_neverFailsTheNodeCall_breakerStaysClosed()
      throws Exception {
    fed =
        new InProcessFederation(
            b ->
                b.nodeDeadline(Duration.ofSeconds(10))
                    .breaker(
                        new BreakerSettings(
                            Duration.ofSeconds(10), 2, 50, Duration.ofSeconds(5), 1)),
            "150000");
    FakeNode node = fed.node("150000");
    node.behavior = FakeNode.Behavior.HANG;

    for (int i = 0; i < 5; i++) {
      byte[] code = Codes.id(100 + i);
      Context.CancellableContext inbound =
          Context.current().withDeadlineAfter(40, TimeUnit.MILLISECONDS, timer);
      CompletableFuture<StatusLookup> lookup =
          CompletableFuture.supplyAsync(() -> lookupWithin(inbound, code), callers);
      FakeNode.Held held = Await.next("the node call", node.hanging);
      // gRPC deadlines run on real time: wait (bounded) for the 40 ms one to fire.
      Await.until("the caller's deadline passed", inbound::isCancelled);
      node.answer(held);
      assertThat(lookup.get(5, TimeUnit.SECONDS)).isInstanceOf(Found.class);
      inbound.close();
    }

    assertThat(fed.listener.starting("call ")).containsOnly("call 150000 ok").hasSize(5);
    assertThat(fed.listener.starting("state 150000")).containsExactly("state 150000 CLOSED");
  }
}
