package codefed.bench.audit;

import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecordFormat;
import healthcode.federation.v1.RecordKind;
import healthcode.federation.v1.SealedEvidence;
import healthcode.federation.v1.StatusSummary;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Decision records shaped like the gateway's (keyed code hash, code facts, policy, the clear status
 * and the node's signed assertion sealed for the auditors), for appending to a log without a
 * gateway. Fixed seed: same bytes each run.
 */
public final class DecisionRecords {
  private DecisionRecords() {}

  public static AuditRecord[] make(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    AuditRecord[] out = new AuditRecord[count];
    for (int i = 0; i < count; i++) {
      Instant t = t0.plus(Duration.ofMillis(i));
      Instant issued = t.minus(Duration.ofHours(30));
      out[i] =
          AuditRecord.newBuilder()
              .setTime(ts(t))
              .setGateway("150000")
              .setCheckpointId("checkpoint-" + (i % 8))
              .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
              .setKind(RecordKind.RECORD_KIND_DECISION)
              .setCodeIdHmac(bytes(random, 32))
              .setHmacKeyId("hmac-1")
              .setCode(
                  CodeFacts.newBuilder()
                      .setIssuer("140000")
                      .setIssuedAt(ts(issued))
                      .setExpiresAt(ts(issued.plus(Duration.ofDays(14))))
                      .setKeyId("140000-ed25519-1a2b3c4d"))
              .setJurisdiction("150000")
              .setPolicyVersion("150000@2021-01-31T00:00+08:00")
              .setPolicyHash(bytes(random, 32))
              // The clear status summary and a status assertion as a node signs it (~110 payload
              // bytes,
              // an Ed25519 signature) sealed with HPKE: 32-byte encapsulated key, ciphertext +
              // 16-byte tag.
              .setFormat(RecordFormat.RECORD_FORMAT_SEALED_EVIDENCE)
              .setStatus(
                  StatusSummary.newBuilder()
                      .setIssuer("140000")
                      .setState(CodeState.CODE_STATE_ACTIVE)
                      .setColor(Color.COLOR_GREEN)
                      .setAssertedAt(ts(t))
                      .setValidUntil(ts(t.plus(Duration.ofMinutes(5))))
                      .setKeyId("140000-ed25519-1a2b3c4d")
                      .setStatusSequence(i))
              .setSealedEvidence(
                  SealedEvidence.newBuilder()
                      .setRecipientKeyId("ab".repeat(32))
                      .setEnc(bytes(random, 32))
                      .setCiphertext(bytes(random, 110 + 64 + 30 + 16)))
              .setFromCache(i % 10 != 0)
              .setTemperatureCelsius(36.5)
              .setOutcome(Outcome.OUTCOME_PASS)
              .setNodeReachable(true)
              .build();
    }
    return out;
  }

  private static ByteString bytes(SplittableRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return ByteString.copyFrom(b);
  }

  private static Timestamp ts(Instant t) {
    return ProtoTime.timestamp(t);
  }
}
