package codefed.gateway.audit.seal;

import codefed.gateway.audit.RecordCheck;
import codefed.gateway.audit.VerificationKeys;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.RecordFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code audit verify}'s check of each record's evidence. With the auditors' key every sealed
 * evidence must open for its own record and every node answer must carry a valid issuer
 * signature and agree with the clear status; without it, sealed evidence is counted and reported
 * as not checked, never passed over silently. Answers in the clear (records written before
 * sealing) are checked as they always were.
 */
public final class EvidenceCheck implements RecordCheck {
  private final Optional<EvidenceOpener> opener;
  private final RecordInputs inputs;
  private long sealed;
  private long opened;
  private long legacy;

  private EvidenceCheck(Optional<EvidenceOpener> opener, VerificationKeys keys) {
    this.opener = opener;
    this.inputs = RecordInputs.opening(opener, Optional.of(keys));
  }

  /** Checks node signatures and opens sealed evidence with {@code opener} when one is given. */
  public static EvidenceCheck of(VerificationKeys keys, Optional<EvidenceOpener> opener) {
    return new EvidenceCheck(opener, keys);
  }

  @Override
  public String check(AuditRecord record) {
    try {
      if (record.getFormat() == RecordFormat.RECORD_FORMAT_UNSPECIFIED) {
        if (inputs.status(record).isPresent()) {
          legacy++;
        }
        return null;
      }
      if (!record.hasSealedEvidence()) {
        return record.hasStatus() ? "a clear node status but no sealed evidence" : null;
      }
      sealed++;
      if (opener.isPresent()) {
        inputs.status(record); // opens it, checks the answer's signature and the clear status
        opened++;
      }
      return null;
    } catch (EvidenceException e) {
      return e.getMessage();
    }
  }

  @Override
  public List<String> notes() {
    List<String> out = new ArrayList<>();
    if (sealed > opened) {
      out.add((sealed - opened) + " records hold sealed evidence that was not opened: node answer signatures"
          + " NOT checked (give --auditor-key)");
    }
    if (legacy > 0) {
      out.add(legacy + " records of the format before sealing hold the node's answer in the clear");
    }
    return out;
  }

  /** How many sealed evidences were opened and checked. */
  public long opened() {
    return opened;
  }

  /** How many records hold sealed evidence. */
  public long sealed() {
    return sealed;
  }
}
