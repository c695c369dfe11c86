package codefed.gateway.recognition;

/**
 * A request is not acceptable; the message names the field and the problem, e.g. {@code
 * "scan.temperature_celsius: 52.0 (expected: 30 to 45)"}. Nothing was decided or recorded.
 */
public final class InvalidRequestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String field;

  public InvalidRequestException(String field, String problem) {
    super(field + ": " + problem);
    this.field = field;
  }

  /** The field path, e.g. {@code scan.temperature_celsius}. */
  public String field() {
    return field;
  }
}
