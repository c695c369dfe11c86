package codefed.gateway.audit;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@link LogVerifier#verify}: how much was checked and the first problem.
 *
 * @param warnings things an auditor should know that do not make the log wrong (a torn tail after a
 *     crash, records not yet covered by a checkpoint)
 */
public record VerificationReport(
    long records, int checkpoints, Optional<Problem> problem, List<String> warnings) {

  public VerificationReport {
    warnings = List.copyOf(warnings);
  }

  /**
   * The first thing found wrong.
   *
   * @param sequence the record concerned, or -1 when the problem is not one record's
   * @param file the segment or checkpoints file name
   * @param offset byte offset in that file, or -1
   */
  public record Problem(long sequence, String file, long offset, String reason) {
    @Override
    public String toString() {
      StringBuilder s = new StringBuilder();
      if (sequence >= 0) {
        s.append("record ").append(sequence).append(' ');
      }
      if (file != null) {
        s.append('(').append(file);
        if (offset >= 0) {
          s.append(" at byte ").append(offset);
        }
        s.append(") ");
      }
      return s.append(reason).toString();
    }
  }

  public boolean ok() {
    return problem.isEmpty();
  }

  /** {@code OK: N records, M checkpoints} or {@code FAIL: <problem>}. */
  public String summary() {
    return problem
        .map(p -> "FAIL: " + p)
        .orElse("OK: " + records + " records, " + checkpoints + " checkpoints");
  }
}
