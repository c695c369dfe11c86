package codefed.gateway.audit;

/** The audit log could not record: no decision may be given without a record. */
public final class AuditUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public AuditUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
