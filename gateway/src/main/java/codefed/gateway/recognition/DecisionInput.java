package codefed.gateway.recognition;

import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.ColorSnapshot;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything {@link DecisionRules} decides from, and nothing else: exactly what an audit record
 * holds, so that an auditor can rebuild the input from a record ({@link #fromRecord}) and re-run
 * the decision.
 *
 * @param code what verification established about the code (a non-empty {@code rejection} means it
 *     failed verification)
 * @param status the node's answer, when one was had (fresh or cached)
 * @param snapshot the QR's color snapshot, when the node could not be reached
 * @param nodeReachable whether the issuer's node gave a usable answer
 */
public record DecisionInput(
    Instant scannedAt,
    String jurisdiction,
    CheckpointType checkpointType,
    OptionalDouble temperatureCelsius,
    CodeFacts code,
    Optional<AssertedStatus> status,
    Optional<ColorSnapshot> snapshot,
    boolean nodeReachable,
    boolean fromCache) {

  public DecisionInput {
    Objects.requireNonNull(scannedAt, "scannedAt");
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(checkpointType, "checkpointType");
    Objects.requireNonNull(temperatureCelsius, "temperatureCelsius");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(snapshot, "snapshot");
  }

  /** The input of a scan before the status step: no node answer, no snapshot in use. */
  public static DecisionInput beforeStatus(
      Instant scannedAt,
      String jurisdiction,
      CheckpointType type,
      OptionalDouble temperature,
      CodeFacts code) {
    return new DecisionInput(
        scannedAt,
        jurisdiction,
        type,
        temperature,
        code,
        Optional.empty(),
        Optional.empty(),
        true,
        false);
  }

  /** This input with the node's answer. */
  public DecisionInput withStatus(AssertedStatus s, boolean cached) {
    return new DecisionInput(
        scannedAt,
        jurisdiction,
        checkpointType,
        temperatureCelsius,
        code,
        Optional.of(s),
        Optional.empty(),
        true,
        cached);
  }

  /**
   * This input with an answer that cannot be used because it claims a time ahead of the scan
   * ({@link DecisionRules#assertionAhead}): kept as evidence, the scan goes the unreachable way
   * (the QR's snapshot, if any, goes along).
   */
  public DecisionInput withStatusAhead(
      AssertedStatus s, Optional<ColorSnapshot> qrSnapshot, boolean cached) {
    return new DecisionInput(
        scannedAt,
        jurisdiction,
        checkpointType,
        temperatureCelsius,
        code,
        Optional.of(s),
        qrSnapshot,
        false,
        cached);
  }

  /** This input when the node could not be reached; the QR's snapshot, if any, goes along. */
  public DecisionInput withNodeUnreachable(Optional<ColorSnapshot> qrSnapshot) {
    return new DecisionInput(
        scannedAt,
        jurisdiction,
        checkpointType,
        temperatureCelsius,
        code,
        Optional.empty(),
        qrSnapshot,
        false,
        false);
  }

  /** Whether the code passed verification (step 1). */
  public boolean verified() {
    return code.getRejection().isEmpty();
  }

  /**
   * The input a decision record was made from, with the node's answer as the caller obtained it:
   * opened from the record's sealed evidence, or rebuilt from its clear {@link StatusSummaries
   * summary}.
   */
  public static DecisionInput fromRecord(AuditRecord record, Optional<AssertedStatus> status) {
    Optional<ColorSnapshot> snapshot =
        record.hasOfflineSnapshot() ? Optional.of(record.getOfflineSnapshot()) : Optional.empty();
    OptionalDouble temperature =
        record.hasTemperatureCelsius()
            ? OptionalDouble.of(record.getTemperatureCelsius())
            : OptionalDouble.empty();
    return new DecisionInput(
        Timestamps.toInstant(record.getTime()),
        record.getJurisdiction(),
        record.getCheckpointType(),
        temperature,
        record.getCode(),
        status,
        snapshot,
        record.getNodeReachable(),
        record.getFromCache());
  }
}
