package codefed.signing;

/** A signature did not verify, or could not be checked at all (malformed signature bytes). */
public final class SignatureVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public SignatureVerificationException(String message) {
    super(message);
  }

  public SignatureVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
