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
 * evidence must open for its own record and every node answer must carry a valid issuer signature
 * and agree with the clear status; without it, sealed evidence is counted and reported as not
 * checked, never passed over silently. Answers in the clear (records written before sealing) are
 * checked as they always were.
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

  private static final int SEALED = 1;
  private static final int OPENED = 2;
  private static final int LEGACY = 4;

  @Override
  public String check(AuditRecord record) {
    Verdict v = verdict(record);
    tally(v);
    return v.problem();
  }

  /** Opening and signature checks touch nothing shared: records are checked on several threads. */
  @Override
  public boolean concurrent() {
    return true;
  }

  @Override
  public Verdict verdict(AuditRecord record) {
    int counted = 0;
    try {
      if (record.getFormat() == RecordFormat.RECORD_FORMAT_UNSPECIFIED) {
        if (inputs.status(record).isPresent()) {
          counted |= LEGACY;
        }
        return new Verdict(null, counted);
      }
      if (!record.hasSealedEvidence()) {
        return new Verdict(
            record.hasStatus() ? "a clear node status but no sealed evidence" : null, counted);
      }
      counted |= SEALED;
      if (opener.isPresent()) {
        inputs.status(record); // opens it, checks the answer's signature and the clear status
        counted |= OPENED;
      }
      return new Verdict(null, counted);
    } catch (EvidenceException e) {
      return new Verdict(e.getMessage(), counted);
    }
  }

  @Override
  public void tally(Verdict verdict) {
    int c = verdict.counted();
    sealed += c & SEALED;
    opened += (c & OPENED) >> 1;
    legacy += (c & LEGACY) >> 2;
  }

  @Override
  public List<String> notes() {
    List<String> out = new ArrayList<>();
    if (sealed > opened) {
      out.add(
          (sealed - opened)
              + " records hold sealed evidence that was not opened: node answer signatures"
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
