package codefed.gateway.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UnknownFieldSet;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecordKind;
import healthcode.federation.v1.SignedAssertion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Decision records shaped like the gateway's, for log tests. */
public final class TestRecords {
  public static final Instant T0 = Instant.parse("2020-03-20T08:00:00Z");

  private TestRecords() {}

  public static AuditRecord decision(int i) {
    Instant t = T0.plusSeconds(i * 7L);
    AuditRecord.Builder b =
        AuditRecord.newBuilder()
            .setTime(Timestamp.newBuilder().setSeconds(t.getEpochSecond()))
            .setGateway("150000")
            .setCheckpointId("cp-" + (i % 5))
            .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
            .setKind(RecordKind.RECORD_KIND_DECISION)
            .setCodeIdHmac(
                ByteString.copyFrom(
                    String.format("hmac-%027d", i).getBytes(StandardCharsets.US_ASCII)))
            .setHmacKeyId("hmac-1")
            .setCode(CodeFacts.newBuilder().setIssuer("140000").setKeyId("140000-ec-1"))
            .setJurisdiction("150000")
            .setPolicyVersion("150000@2020-03-19")
            .setPolicyHash(ByteString.copyFrom(new byte[32]))
            .setOutcome(i % 10 == 0 ? Outcome.OUTCOME_CONTROL : Outcome.OUTCOME_PASS)
            .setTemperatureCelsius(36.5 + (i % 10 == 0 ? 1.0 : 0.0))
            .setNodeReachable(true)
            .setNote("record " + i);
    if (i % 10 == 0) {
      b.addMeasures(Measure.MEASURE_FEVER_CLINIC);
    }
    return b.build();
  }

  /**
   * The record with a node answer in the clear field 13, as records were written before node
   * answers were sealed ({@code RECORD_FORMAT_UNSPECIFIED}).
   */
  public static AuditRecord.Builder withClearAssertion(
      AuditRecord.Builder b, SignedAssertion assertion) {
    return b.setUnknownFields(
        UnknownFieldSet.newBuilder()
            .addField(
                13,
                UnknownFieldSet.Field.newBuilder()
                    .addLengthDelimited(assertion.toByteString())
                    .build())
            .build());
  }

  /** A manual verification as staff record it: short. */
  public static AuditRecord manual(int i) {
    Instant t = T0.plusSeconds(i * 7L);
    return AuditRecord.newBuilder()
        .setTime(Timestamp.newBuilder().setSeconds(t.getEpochSecond()))
        .setGateway("150000")
        .setKind(RecordKind.RECORD_KIND_MANUAL_VERIFICATION)
        .setManualMethod(healthcode.federation.v1.ManualMethod.MANUAL_METHOD_PAPER_PASS)
        .setOutcome(Outcome.OUTCOME_PASS)
        .setNote("paper " + i)
        .build();
  }
}
