package codefed.node.changes;

/** What {@link Subscription#poll()} found. */
public sealed interface Poll {

  /** The next event, in sequence order. */
  record Event(StatusChange change) implements Poll {}

  /** Nothing new yet; the subscription's callback fires when there is. */
  record Empty() implements Poll {}

  /**
   * The consumer fell too far behind and was cut off; it must subscribe again from {@code
   * resumeFrom} (the last sequence it received), losing nothing.
   */
  record Overflow(long resumeFrom) implements Poll {}

  /** The feed was closed (node shutdown) or the subscription cancelled. */
  record Closed() implements Poll {}
}
