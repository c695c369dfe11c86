package codefed.gateway.audit;

import healthcode.federation.v1.AuditRecord;
import java.util.List;

/**
 * A check of one record's evidence (node answers, sealed or not) during {@link LogVerifier#verify}.
 */
public interface RecordCheck {
  /** Null when the record's evidence is fine, else why not. */
  String check(AuditRecord record);

  /** What the auditor should know once every record was checked (e.g. what was not checked). */
  default List<String> notes() {
    return List.of();
  }

  /**
   * Whether {@link #verdict} may run on several threads at once; then the verifier checks records
   * in parallel and hands each verdict to {@link #tally} in log order.
   */
  default boolean concurrent() {
    return false;
  }

  /** The record's check, counting nothing yet; by default {@link #check} (not concurrent). */
  default Verdict verdict(AuditRecord record) {
    return new Verdict(check(record), 0);
  }

  /** Counts a verdict, in log order, up to and including the first failing record. */
  default void tally(Verdict verdict) {}

  /**
   * One record's outcome.
   *
   * @param problem null when the record is fine, else why not
   * @param counted what {@link #tally} counts (check-specific bits)
   */
  record Verdict(String problem, int counted) {}
}
