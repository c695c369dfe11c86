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

class ChangeStreamInvalidationTest {
  private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
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

  private void awaitApplied(String issuer, long sequence) {
    Await.until(
        "sequence " + sequence + " applied", () -> fed.source.lastSequence(issuer) == sequence);
  }

  @Test
  void start_opensOneStreamPerIssuerFromTheOldestRetained() {
    fed = new InProcessFederation("150000", "140000");

    assertThat(fed.firstWatchFrom)
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("150000", 0L, "140000", 0L));
    assertThat(fed.node("150000").openStreams()).isEqualTo(1);
    assertThat(fed.node("140000").openStreams()).isEqualTo(1);
  }

  @Test
  void changeEvent_dropsCachedAnswer_nextLookupAsksNodeAndSeesNewColor() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    assertThat(lookup("150000", CODE).assertion().getColor()).isEqualTo(Color.COLOR_GREEN);

    long seq = node.change(CODE, Color.COLOR_RED);
    awaitApplied("150000", seq);
    Found after = lookup("150000", CODE);

    assertThat(after.fromCache()).isFalse();
    assertThat(after.assertion().getColor()).isEqualTo(Color.COLOR_RED);
    assertThat(node.verifyCalls).hasValue(2);
  }

  @Test
  void changeEvent_forAnotherCode_keepsThisCodesAnswer() {
    fed = new InProcessFederation("150000");
    lookup("150000", CODE);

    long seq = fed.node("150000").change(OTHER, Color.COLOR_RED);
    awaitApplied("150000", seq);

    assertThat(lookup("150000", CODE).fromCache()).isTrue();
  }

  @Test
  void changeEvent_alreadyReflectedByCachedAnswer_keepsIt() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    long seq = node.change(CODE, Color.COLOR_YELLOW);
    awaitApplied("150000", seq);
    lookup("150000", CODE); // answer carries status_sequence = seq

    node.publish(seq, CODE, Color.COLOR_YELLOW); // a replay of the same event

    Found again = lookup("150000", CODE);
    assertThat(again.fromCache()).isTrue();
    assertThat(again.assertion().getColor()).isEqualTo(Color.COLOR_YELLOW);
  }

  @Test
  void changeDuringFetch_staleAnswerNeitherReturnedNorCached_nodeAskedAgain() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.beforeAnswer =
        req -> {
          if (node.verifyCalls.get() == 1) {
            // The node has built its green answer at sequence 0 when the code turns red; the
            // change reaches the gateway before the answer does.
            node.publish(1, CODE, Color.COLOR_RED);
            awaitApplied("150000", 1);
          } else {
            node.colors.put(ByteString.copyFrom(CODE), Color.COLOR_RED);
            node.statusSequence.set(1);
          }
        };

    Found result = lookup("150000", CODE);

    assertThat(result.assertion().getColor()).isEqualTo(Color.COLOR_RED);
    assertThat(result.assertion().getStatusSequence()).isEqualTo(1);
    assertThat(node.verifyCalls).hasValue(2);
    assertThat(lookup("150000", CODE).fromCache()).isTrue();
  }

  @Test
  void changeDuringEveryFetch_unreachableRatherThanAStaleAnswer() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    node.statusSequence.set(100);
    // Every answer says sequence 100 while the stream keeps announcing later changes.
    node.beforeAnswer =
        req -> {
          long seq = 100 + node.verifyCalls.get();
          node.publish(seq, CODE, Color.COLOR_RED);
        };

    StatusLookup result = fed.source.lookup("150000", CODE, FIVE_MINUTES);

    assertThat(result).isEqualTo(new Unreachable("status changing during lookup"));
    assertThat(node.verifyCalls).hasValue(2);
    assertThat(fed.source.cachedEntries()).isZero();
  }

  @Test
  void gapInSequence_dropsAllOfThatIssuersAnswers_otherIssuersKeepTheirs() {
    fed = new InProcessFederation("150000", "140000");
    FakeNode node = fed.node("150000");
    long first = node.change(Codes.id(9), Color.COLOR_YELLOW);
    awaitApplied("150000", first);
    lookup("150000", CODE);
    lookup("150000", OTHER);
    lookup("140000", CODE);

    node.publish(first + 2, Codes.id(9), Color.COLOR_RED); // first + 1 never arrived
    awaitApplied("150000", first + 2);

    assertThat(lookup("150000", CODE).fromCache()).isFalse();
    assertThat(lookup("150000", OTHER).fromCache()).isFalse();
    assertThat(lookup("140000", CODE).fromCache()).isTrue();
  }

  @Test
  void streamBroken_reconnectsFromLastSequence_keepsAnswers() throws Exception {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    long seq = node.change(OTHER, Color.COLOR_RED);
    awaitApplied("150000", seq);
    lookup("150000", CODE);

    node.endStreams(Status.UNAVAILABLE);

    assertThat(Await.next("reconnect", node.watchRequests)).isEqualTo(seq);
    assertThat(lookup("150000", CODE).fromCache()).isTrue();
  }

  @Test
  void changeWhileDisconnected_appliedOnResume() throws Exception {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    lookup("150000", CODE);
    node.endStreams(Status.UNAVAILABLE);
    assertThat(Await.next("reconnect", node.watchRequests)).isZero();

    long seq = node.change(CODE, Color.COLOR_RED); // what the node replays on resume
    awaitApplied("150000", seq);

    assertThat(lookup("150000", CODE).assertion().getColor()).isEqualTo(Color.COLOR_RED);
  }

  @Test
  void outOfRange_dropsIssuersAnswersAndResumesFromHead() throws Exception {
    fed = new InProcessFederation("150000", "140000");
    FakeNode node = fed.node("150000");
    long seq = node.change(OTHER, Color.COLOR_RED);
    awaitApplied("150000", seq);
    lookup("150000", CODE);
    lookup("140000", CODE);

    node.endStreams(Status.OUT_OF_RANGE);

    assertThat(Await.next("resume from head", node.watchRequests)).isZero();
    assertThat(lookup("150000", CODE).fromCache()).isFalse();
    assertThat(lookup("140000", CODE).fromCache()).isTrue();
  }

  @Test
  void resourceExhausted_resumesFromLastSequenceKeepingAnswers() throws Exception {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");
    long seq = node.change(OTHER, Color.COLOR_RED);
    awaitApplied("150000", seq);
    lookup("150000", CODE);

    node.endStreams(Status.RESOURCE_EXHAUSTED);

    assertThat(Await.next("resume", node.watchRequests)).isEqualTo(seq);
    assertThat(lookup("150000", CODE).fromCache()).isTrue();
  }

  @Test
  void close_endsStreamsWithoutReconnecting() {
    fed = new InProcessFederation("150000");
    FakeNode node = fed.node("150000");

    fed.close();
    node.endStreams(Status.UNAVAILABLE);

    assertThat(node.watchRequests).isEmpty();
    fed = null;
  }
}
