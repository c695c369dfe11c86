package codefed.gateway.audit.seal;

import codefed.gateway.audit.VerificationFailure;
import codefed.gateway.audit.VerificationKeys;
import codefed.gateway.recognition.AssertedStatus;
import codefed.gateway.recognition.DecisionInput;
import codefed.gateway.recognition.StatusSummaries;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Evidence;
import healthcode.federation.v1.RecordFormat;
import healthcode.federation.v1.SignedAssertion;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node's answer behind each recorded decision, as an auditor can have it: opened from the
 * sealed evidence and its signature re-checked (with the auditors' key and the PKI), or rebuilt
 * from the record's clear summary (without the key), or — in records written before sealing — taken
 * from the clear field 13. Counts which, so that reports say what was really checked.
 */
public final class RecordInputs {
  /** Field number of the clear node answer in records written before sealing. */
  static final int LEGACY_ASSERTION_FIELD = 13;

  private final Optional<EvidenceOpener> opener;
  private final Optional<VerificationKeys> keys;
  // Counted from several threads when records are checked or replayed in parallel.
  private final java.util.concurrent.atomic.LongAdder opened =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder clearOnly =
      new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.LongAdder legacy =
      new java.util.concurrent.atomic.LongAdder();

  private RecordInputs(Optional<EvidenceOpener> opener, Optional<VerificationKeys> keys) {
    this.opener = opener;
    this.keys = keys;
  }

  /** Without the auditors' key: answers from the clear summaries, signatures not checked. */
  public static RecordInputs clear() {
    return new RecordInputs(Optional.empty(), Optional.empty());
  }

  /** Opening sealed answers; signatures re-checked when {@code keys} are given. */
  public static RecordInputs opening(
      Optional<EvidenceOpener> opener, Optional<VerificationKeys> keys) {
    return new RecordInputs(opener, keys);
  }

  /** The decision input of a decision record. */
  public DecisionInput input(AuditRecord r) throws EvidenceException {
    return DecisionInput.fromRecord(r, status(r));
  }

  /** The node's answer the record's decision used, if any. */
  public Optional<AssertedStatus> status(AuditRecord r) throws EvidenceException {
    if (r.getFormat() == RecordFormat.RECORD_FORMAT_UNSPECIFIED) {
      Optional<SignedAssertion> clear = legacyAssertion(r);
      if (clear.isPresent()) {
        legacy.increment();
        return Optional.of(checked(r, clear.get()));
      }
      return Optional.empty();
    }
    if (opener.isEmpty()) {
      if (!r.hasStatus()) {
        return Optional.empty();
      }
      clearOnly.increment();
      return Optional.of(StatusSummaries.toStatus(r.getStatus()));
    }
    Evidence evidence =
        r.hasSealedEvidence() ? opener.get().open(r) : Evidence.getDefaultInstance();
    if (!evidence.hasAssertion()) {
      if (r.hasStatus()) {
        throw new EvidenceException("a clear node status but no sealed node answer");
      }
      return Optional.empty();
    }
    if (!r.hasStatus()) {
      throw new EvidenceException("a sealed node answer but no clear node status");
    }
    AssertedStatus status = checked(r, evidence.getAssertion());
    if (!StatusSummaries.of(status, r.getStatus().getItineraryRiskControlled())
        .equals(r.getStatus())) {
      throw new EvidenceException("the clear node status differs from the node's signed answer");
    }
    opened.increment();
    return Optional.of(status);
  }

  /** Lines for a report: how the answers were had and whether their signatures were checked. */
  public List<String> summary() {
    List<String> out = new ArrayList<>();
    String sig = keys.isPresent() ? "node signatures re-checked" : "node signatures NOT re-checked";
    long opened = this.opened.sum();
    long clearOnly = this.clearOnly.sum();
    long legacy = this.legacy.sum();
    if (opened > 0) {
      out.add(opened + " node answers opened from sealed evidence, " + sig);
    }
    if (clearOnly > 0) {
      out.add(
          clearOnly
              + " node answers are sealed and were not opened: replayed from the clear status"
              + " (color, reasons, itinerary risk), node signatures NOT re-checked (give --auditor-key and --pki)");
    }
    if (legacy > 0) {
      out.add(
          legacy
              + " records of the format before sealing hold the node's answer in the clear, "
              + sig);
    }
    return out;
  }

  private AssertedStatus checked(AuditRecord r, SignedAssertion signed) throws EvidenceException {
    if (keys.isEmpty()) {
      try {
        return AssertedStatus.of(signed);
      } catch (IllegalArgumentException e) {
        throw new EvidenceException("node assertion: " + e.getMessage());
      }
    }
    Instant at;
    try {
      at = Instant.ofEpochSecond(r.getTime().getSeconds(), r.getTime().getNanos());
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw new EvidenceException(
          "time: " + r.getTime().getSeconds() + "s (expected: a representable instant)");
    }
    try {
      // Parsed once, from the very bytes whose signature was checked.
      return new AssertedStatus(
          signed, keys.get().checkAssertion(signed, r.getCode().getIssuer(), at));
    } catch (VerificationFailure e) {
      throw new EvidenceException("node assertion: " + e.getMessage());
    }
  }

  /** Whether the record's decision used a node answer (known without opening anything). */
  public static boolean hasNodeAnswer(AuditRecord r) {
    return r.hasStatus()
        || !r.getUnknownFields()
            .getField(LEGACY_ASSERTION_FIELD)
            .getLengthDelimitedList()
            .isEmpty();
  }

  /** The clear node answer of a record written before sealing (field 13, now reserved). */
  static Optional<SignedAssertion> legacyAssertion(AuditRecord r) throws EvidenceException {
    List<ByteString> values =
        r.getUnknownFields().getField(LEGACY_ASSERTION_FIELD).getLengthDelimitedList();
    if (values.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(SignedAssertion.parseFrom(values.get(values.size() - 1)));
    } catch (InvalidProtocolBufferException e) {
      throw new EvidenceException(
          "field 13 (node answer, format before sealing) is not a SignedAssertion");
    }
  }
}
