package codefed.node.changes;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongFunction;

/**
 * The node's change stream: events with strictly increasing sequence numbers (1, 2, 3, …), the last
 * {@code retention} of them kept so consumers can resume from a sequence.
 *
 * <p>Publishing never blocks on consumers. Each subscription replays what it missed from the
 * retained events, then takes live events through its own bounded buffer; when that buffer is full
 * the subscription is marked overflowed and its consumer is told to resume from the last sequence
 * it received, which the retained events still cover (retention is much larger than a subscriber
 * buffer). A consumer that is slow for longer than retention covers gets {@link
 * SequenceOutOfRangeException} when it resumes.
 *
 * <p>The feed lives in memory, so a restarted node numbers its events from 1 again. Its {@link
 * #epoch()} — random, chosen at construction — tells consumers that this happened: sequences of
 * different epochs are not comparable.
 */
public final class ChangeFeed {
  private final StatusChange[] ring;
  private final int subscriberBuffer;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final long epoch = newEpoch();
  private long head;
  private boolean closed;

  /**
   * @param retention how many recent events are kept for resuming consumers
   * @param subscriberBuffer live events one consumer may have pending before it is cut off
   */
  public ChangeFeed(int retention, int subscriberBuffer) {
    if (retention < 1) {
      throw new IllegalArgumentException("retention: " + retention + " (expected: >= 1)");
    }
    if (subscriberBuffer < 1) {
      throw new IllegalArgumentException(
          "subscriberBuffer: " + subscriberBuffer + " (expected: >= 1)");
    }
    this.ring = new StatusChange[retention];
    this.subscriberBuffer = subscriberBuffer;
  }

  /**
   * Appends an event. The factory receives the sequence assigned to it and must use it.
   *
   * @return the published event
   */
  public StatusChange publish(LongFunction<StatusChange> factory) {
    StatusChange change;
    List<Subscription> toNotify = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("change feed closed");
      }
      long sequence = head + 1;
      change = Objects.requireNonNull(factory.apply(sequence), "change");
      if (change.sequence() != sequence) {
        throw new IllegalArgumentException(
            "sequence: " + change.sequence() + " (expected: " + sequence + ")");
      }
      ring[slot(sequence)] = change;
      head = sequence;
      for (Subscription subscription : subscriptions) {
        if (subscription.offerLive(change)) {
          toNotify.add(subscription);
        }
      }
    }
    toNotify.forEach(Subscription::notifyAvailable);
    return change;
  }

  /** This feed's incarnation: random and non-zero, fixed for the feed's lifetime. */
  public long epoch() {
    return epoch;
  }

  private static long newEpoch() {
    SecureRandom random = new SecureRandom();
    long e;
    do {
      e = random.nextLong();
    } while (e == 0);
    return e;
  }

  /** The sequence of the latest event, 0 before the first. */
  public synchronized long head() {
    return head;
  }

  /** The oldest sequence still retained (head + 1 when nothing is retained yet). */
  public synchronized long oldestRetained() {
    return Math.max(1, head - ring.length + 1);
  }

  /**
   * Subscribes to events with sequence &gt; {@code fromSequence}; 0 means from the oldest retained.
   * {@code onAvailable} is called (on the publishing thread; it must only schedule work) whenever
   * {@link Subscription#poll()} may return something new.
   *
   * @throws SequenceOutOfRangeException if events after {@code fromSequence} are no longer
   *     retained, or {@code fromSequence} is beyond the head
   */
  public Subscription subscribe(long fromSequence, Runnable onAvailable)
      throws SequenceOutOfRangeException {
    if (fromSequence < 0) {
      throw new IllegalArgumentException("from_sequence: " + fromSequence + " (expected: >= 0)");
    }
    Subscription subscription;
    synchronized (this) {
      long oldest = oldestRetained();
      long cursor = fromSequence == 0 ? oldest - 1 : fromSequence;
      if (cursor < oldest - 1 || cursor > head) {
        throw new SequenceOutOfRangeException(fromSequence, oldest, head);
      }
      subscription = new Subscription(this, cursor, head, subscriberBuffer, onAvailable, closed);
      if (!closed) {
        subscriptions.add(subscription);
      }
    }
    return subscription;
  }

  /** Ends every subscription (node shutdown); their consumers see {@link Poll.Closed}. */
  public void close() {
    List<Subscription> all;
    synchronized (this) {
      closed = true;
      all = List.copyOf(subscriptions);
      subscriptions.clear();
    }
    for (Subscription subscription : all) {
      subscription.markClosed();
    }
  }

  /** Number of live subscriptions. */
  public int subscriberCount() {
    return subscriptions.size();
  }

  /** A retained event, or null when it was evicted. */
  synchronized StatusChange get(long sequence) {
    if (sequence < oldestRetained() || sequence > head) {
      return null;
    }
    return ring[slot(sequence)];
  }

  void remove(Subscription subscription) {
    subscriptions.remove(subscription);
  }

  private int slot(long sequence) {
    return (int) ((sequence - 1) % ring.length);
  }
}
