package codefed.node.status;

/** The node never issued a code with this id. */
public final class UnknownCodeException extends Exception {
  private static final long serialVersionUID = 1L;

  public UnknownCodeException() {
    super("code_id: unknown (expected: a code issued by this node)");
  }
}
