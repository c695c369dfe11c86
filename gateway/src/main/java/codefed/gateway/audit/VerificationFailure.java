package codefed.gateway.audit;

/** A signature or key check failed during verification; the message says why. */
public final class VerificationFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public VerificationFailure(String message) {
    super(message);
  }

  public VerificationFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
