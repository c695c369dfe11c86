package codefed.bench.client;

/** Thrown by a classifier for an answer the scenario does not expect (counted as a failure). */
public final class UnexpectedAnswer extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UnexpectedAnswer(String message) {
    super(message, null, false, false);
  }
}
