package codefed.gateway.server;

/** A checkpoint exceeded its scan rate; nothing was decided or recorded. */
public final class RateLimitedException extends Exception {
  private static final long serialVersionUID = 1L;

  public RateLimitedException(String checkpoint) {
    super("checkpoint " + checkpoint + " exceeded its scan rate");
  }
}
