package codefed.gateway.audit;

/** A question about the log that cannot be answered as asked (range, size, nothing yet). */
public final class AuditQueryException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why; the service maps each to one status code. */
  public enum Reason {
    /** The arguments contradict each other or are negative. */
    BAD_ARGUMENT,
    /** A size or sequence beyond the current end of the log. */
    BEYOND_LOG,
    /** Nothing to return yet (no checkpoint). */
    NOTHING_YET
  }

  private final Reason reason;

  public AuditQueryException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
