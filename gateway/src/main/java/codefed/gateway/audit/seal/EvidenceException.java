package codefed.gateway.audit.seal;

/** A record's evidence cannot be used: it does not open, or it contradicts the clear record. */
public final class EvidenceException extends Exception {
  private static final long serialVersionUID = 1L;

  public EvidenceException(String message) {
    super(message);
  }
}
