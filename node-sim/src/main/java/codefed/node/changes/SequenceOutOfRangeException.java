package codefed.node.changes;

/**
 * A consumer asked to resume from a sequence the node no longer retains (or never reached, e.g.
 * after a node restart). It must drop what it cached for this issuer and resume from the head.
 */
public final class SequenceOutOfRangeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final long requested;
  private final long oldestRetained;
  private final long head;

  public SequenceOutOfRangeException(long requested, long oldestRetained, long head) {
    super(
        "from_sequence: "
            + requested
            + " (expected: 0 or within ["
            + (oldestRetained - 1)
            + ", "
            + head
            + "]; resume from "
            + head
            + ")");
    this.requested = requested;
    this.oldestRetained = oldestRetained;
    this.head = head;
  }

  public long requested() {
    return requested;
  }

  public long oldestRetained() {
    return oldestRetained;
  }

  /** The latest sequence: where the consumer resumes after dropping its cache. */
  public long head() {
    return head;
  }
}
