package codefed.node.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.node.registry.CodeId;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.RiskLevel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {
  private static final Instant AT = Instant.parse("2020-03-20T01:00:00Z");

  private final ChangeFeed feed = new ChangeFeed(100, 4);

  @Test
  void publish_assignsIncreasingSequencesFromOne() {
    assertThat(publish(3)).containsExactly(1L, 2L, 3L);
    assertThat(feed.head()).isEqualTo(3);
  }

  @Test
  void subscribe_fromZero_replaysRetainedThenDeliversLive_inOrder() throws Exception {
    publish(3);
    AtomicInteger notified = new AtomicInteger();
    Subscription sub = feed.subscribe(0, notified::incrementAndGet);
    List<Long> seen = drain(sub);

    publish(2);

    seen.addAll(drain(sub));
    assertThat(seen).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(notified).hasValue(2);
  }

  @Test
  void resume_afterDisconnect_noGapNoDuplicate() throws Exception {
    publish(5);
    Subscription first = feed.subscribe(0, () -> {});
    List<Long> seen = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      seen.add(((Poll.Event) first.poll()).change().sequence());
    }
    long resumeFrom = first.lastDelivered();
    first.close();
    publish(4);

    Subscription second = feed.subscribe(resumeFrom, () -> {});
    seen.addAll(drain(second));

    assertThat(seen).containsExactlyElementsOf(LongStream.rangeClosed(1, 9).boxed().toList());
  }

  @Test
  void slowConsumer_neverBlocksPublisher_andIsToldWhereToResume() throws Exception {
    Subscription slow = feed.subscribe(0, () -> {});
    assertThat(((Poll.Event) pollAfter(slow, publish(1))).change().sequence()).isEqualTo(1);

    publish(50); // far more than the 4-event buffer; returns without waiting for the consumer

    assertThat(slow.poll()).isEqualTo(new Poll.Overflow(1));
    assertThat(slow.poll()).isInstanceOf(Poll.Closed.class);
    assertThat(feed.subscriberCount()).isZero();
    Subscription resumed = feed.subscribe(1, () -> {});
    assertThat(drain(resumed))
        .containsExactlyElementsOf(LongStream.rangeClosed(2, 51).boxed().toList());
  }

  @Test
  void subscribe_beforeOldestRetained_isOutOfRange() {
    ChangeFeed small = new ChangeFeed(3, 2);
    for (int i = 0; i < 10; i++) {
      small.publish(seq -> change(seq));
    }

    assertThatThrownBy(() -> small.subscribe(6, () -> {}))
        .isInstanceOfSatisfying(
            SequenceOutOfRangeException.class,
            e -> {
              assertThat(e.head()).isEqualTo(10);
              assertThat(e.oldestRetained()).isEqualTo(8);
            });
    assertThat(small.subscriberCount()).isZero();
  }

  @Test
  void subscribe_justBeforeOldestRetained_isAllowed() throws Exception {
    ChangeFeed small = new ChangeFeed(3, 2);
    for (int i = 0; i < 10; i++) {
      small.publish(seq -> change(seq));
    }

    assertThat(drain(small.subscribe(7, () -> {}))).containsExactly(8L, 9L, 10L);
    assertThat(drain(small.subscribe(0, () -> {}))).containsExactly(8L, 9L, 10L);
  }

  @Test
  void subscribe_beyondHead_isOutOfRange() {
    publish(2);

    assertThatThrownBy(() -> feed.subscribe(3, () -> {}))
        .isInstanceOf(SequenceOutOfRangeException.class);
  }

  @Test
  void subscribe_negative_isRejected() {
    assertThatThrownBy(() -> feed.subscribe(-1, () -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("from_sequence: -1 (expected: >= 0)");
  }

  @Test
  void close_endsSubscriptions() throws Exception {
    AtomicInteger notified = new AtomicInteger();
    Subscription sub = feed.subscribe(0, notified::incrementAndGet);

    feed.close();

    assertThat(sub.poll()).isInstanceOf(Poll.Closed.class);
    assertThat(notified).hasValue(1);
  }

  @Test
  void publish_withWrongSequence_isRejected_andHeadUnchanged() {
    assertThatThrownBy(() -> feed.publish(seq -> change(seq + 1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(feed.head()).isZero();
  }

  private List<Long> publish(int n) {
    List<Long> sequences = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sequences.add(feed.publish(ChangeFeedTest::change).sequence());
    }
    return sequences;
  }

  private static Poll pollAfter(Subscription sub, List<Long> ignored) {
    return sub.poll();
  }

  private static List<Long> drain(Subscription sub) {
    List<Long> seen = new ArrayList<>();
    for (Poll p = sub.poll(); p instanceof Poll.Event e; p = sub.poll()) {
      seen.add(e.change().sequence());
    }
    return seen;
  }

  private static StatusChange change(long sequence) {
    return new StatusChange(
        sequence,
        new CodeId(0, sequence),
        CodeState.CODE_STATE_ACTIVE,
        Color.COLOR_RED,
        Set.of(),
        RiskLevel.RISK_LEVEL_UNSPECIFIED,
        AT);
  }
}
