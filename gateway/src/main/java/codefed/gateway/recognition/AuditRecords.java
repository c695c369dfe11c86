package codefed.gateway.recognition;

import codefed.gateway.audit.seal.EvidenceSealer;
import codefed.gateway.policy.Policy;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.Evidence;
import healthcode.federation.v1.ManualMethod;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecordKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Builds the audit records of decisions and manual verifications. A decision record holds the
 * {@link DecisionInput} ({@link DecisionInput#fromRecord} reads it back) plus the result, so replay
 * can re-run {@link DecisionRules#decide} from the record: what names a person, a code or a place
 * (the node's signed answer, staff notes) only sealed for the auditors, a {@link StatusSummaries
 * summary} of the answer in the clear, and text from outside escaped.
 */
public final class AuditRecords {
  private AuditRecords() {}

  /** Longest checkpoint id kept (escaped); identity names are far shorter. */
  public static final int MAX_CHECKPOINT_ID = 128;

  /** Longest rejection text kept (escaped): the failure class and a short detail. */
  public static final int MAX_REJECTION = 200;

  /**
   * Who decided, where, the keyed hash of the code id (empty when there is no code id), and the
   * auditors' key evidence is sealed to.
   */
  public record Context(
      String gateway,
      String checkpointId,
      ByteString codeIdHmac,
      String hmacKeyId,
      EvidenceSealer sealer) {
    public Context {
      Objects.requireNonNull(gateway, "gateway");
      Objects.requireNonNull(checkpointId, "checkpointId");
      Objects.requireNonNull(codeIdHmac, "codeIdHmac");
      Objects.requireNonNull(hmacKeyId, "hmacKeyId");
      Objects.requireNonNull(sealer, "sealer");
    }
  }

  /** Facts of a code that failed verification: the rejection escaped and bounded. */
  public static CodeFacts rejected(String why) {
    return CodeFacts.newBuilder().setRejection(SafeText.escape(why, MAX_REJECTION)).build();
  }

  /** The record of a decision; {@code policy} is the version in force, or null if none was. */
  public static AuditRecord decision(
      Context ctx, DecisionInput input, Policy policy, DecisionResult result) {
    AuditRecord.Builder r =
        common(
                ctx,
                input.scannedAt(),
                input.jurisdiction(),
                input.checkpointType(),
                input.temperatureCelsius(),
                input.code(),
                policy)
            .setKind(RecordKind.RECORD_KIND_DECISION)
            .setFromCache(input.fromCache())
            .setOffline(result.offline())
            .setNodeReachable(input.nodeReachable())
            .setOutcome(result.outcome())
            .addAllMeasures(result.measures())
            .addAllReasons(result.reasons());
    Evidence.Builder evidence = Evidence.newBuilder();
    input
        .status()
        .ifPresent(
            s -> {
              r.setStatus(
                  StatusSummaries.of(
                      s, DecisionRules.controlledItineraryRisk(policy, input, s.assertion())));
              evidence.setAssertion(s.signed());
            });
    input.snapshot().ifPresent(r::setOfflineSnapshot);
    return ctx.sealer().sealInto(r, evidence.build()).build();
  }

  /** The record of a manual verification by checkpoint staff. */
  public static AuditRecord manual(
      Context ctx,
      Instant at,
      String jurisdiction,
      CheckpointType type,
      OptionalDouble temperature,
      CodeFacts code,
      Policy policy,
      ManualMethod method,
      Outcome outcome,
      List<Measure> measures,
      String note) {
    AuditRecord.Builder r =
        common(ctx, at, jurisdiction, type, temperature, code, policy)
            .setKind(RecordKind.RECORD_KIND_MANUAL_VERIFICATION)
            .setManualMethod(method)
            .setOutcome(outcome)
            .addAllMeasures(measures);
    return ctx.sealer().sealInto(r, Evidence.newBuilder().setNote(note).build()).build();
  }

  private static AuditRecord.Builder common(
      Context ctx,
      Instant at,
      String jurisdiction,
      CheckpointType type,
      OptionalDouble temperature,
      CodeFacts code,
      Policy policy) {
    AuditRecord.Builder r =
        AuditRecord.newBuilder()
            .setTime(Timestamps.of(at))
            .setGateway(ctx.gateway())
            .setCheckpointId(SafeText.escape(ctx.checkpointId(), MAX_CHECKPOINT_ID))
            .setCheckpointType(type)
            .setCodeIdHmac(ctx.codeIdHmac())
            .setHmacKeyId(ctx.codeIdHmac().isEmpty() ? "" : ctx.hmacKeyId())
            .setCode(code)
            .setJurisdiction(jurisdiction);
    if (policy != null) {
      r.setPolicyVersion(policy.id()).setPolicyHash(ByteString.copyFrom(policy.contentHash()));
    }
    temperature.ifPresent(r::setTemperatureCelsius);
    return r;
  }
}
