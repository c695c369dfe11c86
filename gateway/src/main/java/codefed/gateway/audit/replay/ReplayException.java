package codefed.gateway.audit.replay;

/** A record could not be replayed (its policy is missing or altered, its input unreadable). */
public final class ReplayException extends Exception {
  private static final long serialVersionUID = 1L;

  public ReplayException(String message) {
    super(message);
  }
}
