package codefed.gateway.audit.export;

import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.TestKeys;
import codefed.time.MutableClock;
import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RecordKind;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Writes generated decision records into real gateway logs (one shard per gateway) with the
 * AuditLog API.
 */
final class FleetLogs {
  static final Instant T0 = Instant.parse("2020-03-20T08:00:00Z");
  static final KeyPair KEY = TestKeys.p256();
  private static final String[] ISSUERS = {
    "110000", "140000", "150000", "420000", "530000", "NATIONAL"
  };
  private static final Outcome[] OUTCOMES = {
    Outcome.OUTCOME_PASS,
    Outcome.OUTCOME_PASS,
    Outcome.OUTCOME_PASS,
    Outcome.OUTCOME_CONTROL,
    Outcome.OUTCOME_EXPIRED,
    Outcome.OUTCOME_MANUAL_VERIFICATION,
    Outcome.OUTCOME_REJECT
  };

  private FleetLogs() {}

  /**
   * Appends records [from, from + count) of {@code gateway}'s shard in {@code dir}; times spread
   * over days.
   */
  static void write(Path dir, String gateway, long seed, int from, int count) throws Exception {
    write(dir, gateway, seed, from, count, r -> r);
  }

  /**
   * As {@link #write(Path, String, long, int, int)}, each generated record changed by {@code
   * change} first.
   */
  static void write(
      Path dir,
      String gateway,
      long seed,
      int from,
      int count,
      java.util.function.UnaryOperator<AuditRecord> change)
      throws Exception {
    Random random = new Random(seed + from);
    MutableClock clock = new MutableClock(T0);
    AuditLogOptions options =
        AuditLogOptions.defaults(gateway, TestKeys.signer(KEY))
            .withClock(clock)
            .withCheckpointEvery(1000, java.time.Duration.ofHours(1));
    try (AuditLog log = AuditLog.open(dir, options)) {
      List<CompletableFuture<Long>> pending = new ArrayList<>();
      for (int i = from; i < from + count; i++) {
        pending.add(
            log.appendAsync(change.apply(record(gateway, i, random))).toCompletableFuture());
        if (pending.size() == 4096) {
          drain(pending);
        }
      }
      drain(pending);
    }
  }

  private static void drain(List<CompletableFuture<Long>> pending) throws Exception {
    for (CompletableFuture<Long> f : pending) {
      f.get(30, TimeUnit.SECONDS);
    }
    pending.clear();
  }

  static AuditRecord record(String gateway, int i, Random random) {
    Instant t = T0.plusSeconds(i * 3L).plusNanos(random.nextInt(1000) * 1000L);
    Outcome outcome = OUTCOMES[random.nextInt(OUTCOMES.length)];
    AuditRecord.Builder b =
        AuditRecord.newBuilder()
            .setTime(ProtoTime.timestamp(t))
            .setGateway(gateway)
            .setCheckpointId("cp-" + random.nextInt(7))
            .setCheckpointType(CheckpointType.forNumber(1 + random.nextInt(3)))
            .setKind(RecordKind.RECORD_KIND_DECISION)
            .setCodeIdHmac(ByteString.copyFrom(new byte[32]))
            .setHmacKeyId("hmac-1")
            .setCode(CodeFacts.newBuilder().setIssuer(ISSUERS[random.nextInt(ISSUERS.length)]))
            .setJurisdiction("150000")
            .setPolicyVersion(random.nextBoolean() ? "150000@2020-03-19" : "150000@2021-01-31")
            .setOutcome(outcome)
            .setOffline(random.nextInt(20) == 0)
            .setFromCache(random.nextBoolean())
            .setNodeReachable(random.nextInt(10) != 0);
    if (random.nextBoolean()) {
      b.setTemperatureCelsius(36.0 + random.nextInt(20) / 10.0);
    }
    if (outcome == Outcome.OUTCOME_CONTROL) {
      b.addMeasures(Measure.MEASURE_FEVER_CLINIC)
          .addMeasures(Measure.MEASURE_HOME_QUARANTINE_14D)
          .addReasons(Reason.REASON_FEVER_OR_RESPIRATORY_SYMPTOMS);
    } else if (outcome == Outcome.OUTCOME_MANUAL_VERIFICATION) {
      b.addMeasures(Measure.MEASURE_MANUAL_CHECK);
    }
    return b.build();
  }
}
