package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.status.StatusLookup.Found;
import codefed.gateway.status.StatusLookup.Unreachable;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.Color;
import io.grpc.Status;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fresh or flagged: a silent change stream is declared down after the silence limit (default 15 s,
 * on the injected ticker) and replaced; while it is down, cached answers older than 5 s are fetched
 * live. A new stream epoch (restarted node) drops the issuer's answers; a heartbeat whose head
 * differs from what was applied does too. An answer that predates an applied change is neither
 * cached nor used.
 */
class ChangeStreamLivenessTest {
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  private static final Duration SILENCE = FederatedStatusSource.DEFAULT_STREAM_SILENCE;
  private static final byte[] CODE = Codes.id(1);
  private static final byte[] OTHER = Codes.id(2);

  private InProcessFederation fed;

  @AfterEach
  void tearDown() {
    if (fed != null) {
      fed.close();
    }
  }

  private Found lookup(String issuer, byte[] code) {
    return (Found) fed.source.lookup(issuer, code, FIVE_MINUTES);
  }

  @Test
  void streamWithHeartbeats_staysUp_cachedAnswerServedForItsFullAge() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    lookup("150000", CODE);

    for (int i = 0; i < 4; i++) { // a minute of heartbeats, each well within the limit
      fed.ticker.advance(SILENCE.minusSeconds(1));
      node.heartbeat();
      assertThat(fed.source.changeStreamUp("150000")).isTrue();
    }
    fed.clock.advance(Duration.ofMinutes(4));

    assertThat(lookup("150000", CODE).fromCache()).isTrue();
    assertThat(node.verifyCalls).hasValue(1);
    assertThat(fed.listener.lastStreamState("150000")).isEqualTo("up");
  }

  @Test
  void silentStream_downJustPastTheLimit_metricDown_oldCachedAnswerFetchedLive() throws Exception {
    fed = new InProcessFederation("150000", "140000");
    FakeNode node = fed.node("150000");
    lookup("150000", CODE);
    lookup("140000", CODE);
    Await.until("stream reported up", () -> fed.listener.lastStreamState("150000").equals("up"));
    fed.nodes.values().forEach(n -> n.watchRequests.clear());
    node.mute = true; // half-open from here on: nothing arrives, nothing fails

    fed.ticker.advance(SILENCE);
    fed.node("140000").heartbeat(); // the other issuer's stream is alive
    assertThat(fed.source.changeStreamUp("150000")).as("exactly at the limit").isTrue();
    fed.ticker.advance(Duration.ofMillis(1));
    assertThat(fed.source.changeStreamUp("150000")).as("just past the limit").isFalse();
    Await.until(
        "stream reported down", () -> fed.listener.lastStreamState("150000").equals("down"));

    // The node turns the code red meanwhile; the gateway cannot know.
    node.colors.put(ByteString.copyFrom(CODE), Color.COLOR_RED);
    fed.clock.advance(FederatedStatusSource.DEFAULT_UNHEALTHY_CACHE_AGE);
    Found scan = lookup("150000", CODE);

    assertThat(scan.fromCache()).isFalse();
    assertThat(scan.assertion().getColor()).isEqualTo(Color.COLOR_RED);
    assertThat(node.verifyCalls).hasValue(2);
    // Not affected: the other issuer's stream is up and its answer is still served from cache.
    assertThat(fed.source.changeStreamUp("140000")).isTrue();
    assertThat(lookup("140000", CODE).fromCache()).isTrue();
    assertThat(
            fed.listener.starting("stream 140000")) // down until its first item, then up throughout
        .containsExactly("stream 140000 down", "stream 140000 up");
  }

  @Test
  void silentStream_youngCachedAnswerStillServed_withinTheShortWindow() throws Exception {
    fed = new InProcessFederation("150000");
    fed.node("150000").mute = true;
    fed.ticker.advance(SILENCE.plusSeconds(1));
    Await.until(
        "stream reported down", () -> fed.listener.lastStreamState("150000").equals("down"));
    lookup("150000", CODE);

    fed.clock.advance(FederatedStatusSource.DEFAULT_UNHEALTHY_CACHE_AGE.minusMillis(1));

    assertThat(lookup("150000", CODE).fromCache()).isTrue();
    assertThat(fed.node("150000").verifyCalls).hasValue(1);
  }

  @Test
  void silentStream_isReplaced_andUpAgainOnTheNewStreamsHeartbeat() throws Exception {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    long seq = node.change(OTHER, Color.COLOR_YELLOW);
    Await.until("change applied", () -> fed.source.lastSequence("150000") == seq);

    fed.ticker.advance(SILENCE.plusSeconds(1));

    assertThat(Await.next("a new stream", node.watchRequests)).isEqualTo(seq);
    Await.until("stream up again", () -> fed.listener.lastStreamState("150000").equals("up"));
    assertThat(fed.listener.starting("stream 150000"))
        .containsSubsequence("stream 150000 up", "stream 150000 down", "stream 150000 up");
  }

  @Test
  void newEpochOnResume_restartedNode_dropsThatIssuersAnswers_otherIssuersKeepTheirs()
      throws Exception {
    fed = new InProcessFederation("150000", "140000");
    FakeNode node = fed.node("150000");
    for (int i = 0; i < 3; i++) {
      node.change(Codes.id(10 + i), Color.COLOR_YELLOW);
    }
    Await.until("changes applied", () -> fed.source.lastSequence("150000") == 3);
    lookup("150000", CODE);
    lookup("140000", CODE);

    // The node restarts: new incarnation, its numbering starts over at 1, and by the time the
    // gateway reconnects it has published exactly as many changes — one of them turns CODE red.
    node.epoch = 0x5eed_0002L;
    node.colors.put(ByteString.copyFrom(CODE), Color.COLOR_RED);
    node.statusSequence.set(3);
    node.endStreams(Status.UNAVAILABLE);
    assertThat(Await.next("resume", node.watchRequests)).isEqualTo(3); // looks like a resume

    Found after = lookup("150000", CODE);
    assertThat(after.fromCache()).isFalse();
    assertThat(after.assertion().getColor()).isEqualTo(Color.COLOR_RED);
    assertThat(lookup("140000", CODE).fromCache()).isTrue();
  }

  @Test
  void heartbeatHeadAheadOfAppliedSequence_lostEvents_dropsThatIssuersAnswers() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    lookup("150000", CODE);

    node.statusSequence.set(2); // two changes the stream never delivered
    node.heartbeat();

    Await.until("answers dropped", () -> fed.source.cachedEntries() == 0);
    assertThat(fed.source.lastSequence("150000")).isEqualTo(2);
    assertThat(lookup("150000", CODE).fromCache()).isFalse();
  }

  @Test
  void answerOlderThanAnAppliedChange_neitherCachedNorUsed_untilTheNodeCatchesUp() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.change(OTHER, Color.COLOR_YELLOW);
    long seq = node.change(CODE, Color.COLOR_RED);
    Await.until("change applied", () -> fed.source.lastSequence("150000") == seq);
    // A lagging node address still answers green, as of before the change.
    node.colors.put(ByteString.copyFrom(CODE), Color.COLOR_GREEN);
    node.statusSequence.set(seq - 1);

    StatusLookup lagging = fed.source.lookup("150000", CODE, FIVE_MINUTES);

    assertThat(lagging).isEqualTo(new Unreachable("status changing during lookup"));
    assertThat(node.verifyCalls).hasValue(2); // asked once more, then gave up
    assertThat(fed.source.cachedEntries()).isZero();

    node.colors.put(ByteString.copyFrom(CODE), Color.COLOR_RED);
    node.statusSequence.set(seq);
    assertThat(lookup("150000", CODE).assertion().getColor()).isEqualTo(Color.COLOR_RED);
    assertThat(lookup("150000", CODE).fromCache()).isTrue();
  }
}
