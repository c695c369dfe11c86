package codefed.code;

/** The QR text is not a well-formed health code; the message says what is wrong. */
public final class MalformedCodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedCodeException(String message) {
    super(message);
  }

  public MalformedCodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
