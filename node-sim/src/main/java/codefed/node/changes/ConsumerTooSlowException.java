package codefed.node.changes;

/**
 * A change-stream consumer fell too far behind its buffer; it resumes from the last sequence it
 * received.
 */
public final class ConsumerTooSlowException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final long resumeFrom;

  public ConsumerTooSlowException(long resumeFrom) {
    super("consumer fell too far behind; resume with from_sequence=" + resumeFrom);
    this.resumeFrom = resumeFrom;
  }

  /** The sequence the consumer resumes from. */
  public long resumeFrom() {
    return resumeFrom;
  }
}
