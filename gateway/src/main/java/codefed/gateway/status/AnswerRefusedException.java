package codefed.gateway.status;

/** A node answered, but the answer failed an identity or binding check. */
final class AnswerRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final SecurityEvent kind;

  AnswerRefusedException(SecurityEvent kind) {
    super(kind.label(), null, false, false);
    this.kind = kind;
  }

  SecurityEvent kind() {
    return kind;
  }
}
