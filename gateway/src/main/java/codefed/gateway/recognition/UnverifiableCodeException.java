package codefed.gateway.recognition;

/**
 * A scanned code failed verification (step 1) and is rejected. The reason names the failure class
 * (e.g. {@code MALFORMED}, {@code UNKNOWN_ISSUER}, {@code BAD_SIGNATURE}); the detail is safe to
 * log and record (it never contains the code's contents).
 */
public final class UnverifiableCodeException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public UnverifiableCodeException(String reason, String detail, Throwable cause) {
    super(detail.isEmpty() ? reason : reason + ": " + detail, cause);
    this.reason = reason;
  }

  /** The failure class, e.g. {@code BAD_SIGNATURE}. */
  public String reason() {
    return reason;
  }
}
