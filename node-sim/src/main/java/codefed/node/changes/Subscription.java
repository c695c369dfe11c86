package codefed.node.changes;

import java.util.ArrayDeque;

/**
 * One consumer's position in the {@link ChangeFeed}. The consumer calls {@link #poll()} from one
 * thread at a time (e.g. a serialized drain loop); the feed calls the {@code onAvailable} callback
 * when there may be something new.
 */
public final class Subscription implements AutoCloseable {
  private final ChangeFeed feed;
  private final Runnable onAvailable;
  private final int capacity;

  /** Events up to here come from the feed's retained events, later ones from {@link #live}. */
  private final long replayUpTo;

  private final ArrayDeque<StatusChange> live = new ArrayDeque<>();
  private long lastDelivered;
  private boolean overflowed;
  private boolean closed;

  Subscription(
      ChangeFeed feed,
      long lastDelivered,
      long replayUpTo,
      int capacity,
      Runnable onAvailable,
      boolean closed) {
    this.feed = feed;
    this.lastDelivered = lastDelivered;
    this.replayUpTo = replayUpTo;
    this.capacity = capacity;
    this.onAvailable = onAvailable;
    this.closed = closed;
  }

  /** The next thing for the consumer. Never blocks. */
  public Poll poll() {
    long next;
    synchronized (this) {
      if (closed) {
        return new Poll.Closed();
      }
      next = lastDelivered + 1;
      if (next > replayUpTo) {
        StatusChange change = live.poll();
        if (change != null) {
          lastDelivered = change.sequence();
          return new Poll.Event(change);
        }
        return overflowed ? overflow() : new Poll.Empty();
      }
    }
    StatusChange replayed = feed.get(next);
    synchronized (this) {
      if (closed) {
        return new Poll.Closed();
      }
      if (replayed == null) {
        // Evicted while this consumer was replaying: resuming will say how far it fell.
        return overflow();
      }
      lastDelivered = replayed.sequence();
      return new Poll.Event(replayed);
    }
  }

  /** Whether the consumer was cut off (its next {@link #poll()} says where to resume). */
  public synchronized boolean overflowed() {
    return overflowed;
  }

  /** The sequence of the last event handed to the consumer. */
  public synchronized long lastDelivered() {
    return lastDelivered;
  }

  /** Stops receiving events. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      live.clear();
    }
    feed.remove(this);
  }

  /** Called by the feed under its lock; true when the consumer should be notified. */
  synchronized boolean offerLive(StatusChange change) {
    if (closed || overflowed) {
      return false;
    }
    if (live.size() >= capacity) {
      overflowed = true;
      live.clear();
      // What was buffered is dropped too, so the consumer resumes from what it received.
      return true;
    }
    live.add(change);
    return true;
  }

  void markClosed() {
    synchronized (this) {
      closed = true;
      live.clear();
    }
    notifyAvailable();
  }

  void notifyAvailable() {
    onAvailable.run();
  }

  private Poll overflow() {
    closed = true;
    feed.remove(this);
    return new Poll.Overflow(lastDelivered);
  }
}
