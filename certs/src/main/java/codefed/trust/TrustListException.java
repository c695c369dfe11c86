package codefed.trust;

import java.util.Objects;

/** A trust list was refused: unreadable, malformed, unsigned, badly signed or stale. */
public final class TrustListException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What was wrong with the list. */
  public enum Problem {
    /** The file could not be read. */
    UNREADABLE,
    /** Not a SignedTrustList, or its content breaks the schema's rules. */
    MALFORMED,
    /** No signature. */
    UNSIGNED,
    /** Signed by someone other than the given CA certificate. */
    WRONG_SIGNER,
    /** The signature does not verify with the CA's key. */
    BAD_SIGNATURE,
    /** Past its next_update. */
    STALE
  }

  private final Problem problem;

  public TrustListException(Problem problem, String message) {
    super(message);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  public TrustListException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = Objects.requireNonNull(problem, "problem");
  }

  public Problem problem() {
    return problem;
  }
}
