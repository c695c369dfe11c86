package codefed.node;

/**
 * A request field is invalid; the message names it ({@code "nonce: 4 bytes (expected: 8 to 64
 * bytes)"}) and is safe to return to the caller as {@code INVALID_ARGUMENT}.
 */
public final class InvalidRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidRequestException(String message) {
    super(message);
  }
}
