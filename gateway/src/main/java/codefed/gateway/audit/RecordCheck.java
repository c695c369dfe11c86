package codefed.gateway.audit;

import healthcode.federation.v1.AuditRecord;
import java.util.List;

/** A check of one record's evidence (node answers, sealed or not) during {@link LogVerifier#verify}. */
public interface RecordCheck {
  /** Null when the record's evidence is fine, else why not. */
  String check(AuditRecord record);

  /** What the auditor should know once every record was checked (e.g. what was not checked). */
  default List<String> notes() {
    return List.of();
  }
}
