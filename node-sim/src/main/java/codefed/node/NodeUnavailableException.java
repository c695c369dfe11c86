package codefed.node;

/**
 * The node does not answer this call now; the reason says why (callers retry elsewhere or later).
 */
public final class NodeUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why the node does not answer; each has the message callers see. */
  public enum Reason {
    /** Taken down (a drill or an operator): every call fails until it is brought up. */
    NODE_DOWN("node down"),
    /** A drill made this call fail. */
    INJECTED_FAULT("injected fault"),
    /** The node is stopping. */
    SHUTTING_DOWN("node shutting down");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    /** What callers are told. */
    public String message() {
      return message;
    }
  }

  private final Reason reason;

  public NodeUnavailableException(Reason reason) {
    super(reason.message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
