package codefed.trust;

import java.util.Objects;

/**
 * A code or assertion failed verification against the trust list. The reason is for callers
 * (mapping to an outcome or a status); the message, for logs, names keys but no personal data.
 */
public final class CodeRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final RejectionReason reason;

  public CodeRejectedException(RejectionReason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public CodeRejectedException(RejectionReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public RejectionReason reason() {
    return reason;
  }
}
