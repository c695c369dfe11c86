package codefed.bench.scenario;

import codefed.bench.audit.DecisionRecords;
import codefed.bench.load.AsyncCall;
import codefed.bench.report.ScenarioResult;
import codefed.bench.report.TargetCheck;
import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.AuditUnavailableException;
import codefed.gateway.audit.CheckpointSignatures;
import codefed.signing.Signer;
import codefed.threads.DaemonThreads;
import healthcode.federation.v1.AuditRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The audit log alone: as many concurrent appenders as the gateway has scans in flight, each append
 * returning only once its record is durable (group commit: one fsync per batch), on the same file
 * system the gateway's log uses. Runs in the benchmark JVM.
 */
public final class AuditAppendScenario implements Scenario {
  static final double TARGET_PER_S = 20_000;

  @Override
  public String name() {
    return "audit-append";
  }

  @Override
  public boolean usesGateway() {
    return false;
  }

  @Override
  public String description() {
    return "the audit log alone: durable appends with group commit, many concurrent appenders";
  }

  @Override
  public ScenarioResult run(BenchContext ctx) throws Exception {
    BaselineResult base = ctx.baseline();
    int appenders = ctx.settings().concurrency();
    AuditRecord[] records = DecisionRecords.make(4096, 42);
    Path dir = ctx.workDir().resolve("audit-append");
    Signer signer = Signer.generate("bench-audit", CheckpointSignatures.ALGORITHM);
    ExecutorService pool = Executors.newFixedThreadPool(appenders, DaemonThreads.named("appender"));
    Measured max;
    Measured half;
    long size;
    try (AuditLog log =
        AuditLog.open(dir, AuditLogOptions.defaults(BenchContext.JURISDICTION, signer))) {
      AsyncCall append =
          (i, outcome) ->
              pool.execute(
                  () -> {
                    try {
                      log.append(records[(int) (i % records.length)]);
                      outcome.succeeded(0);
                    } catch (AuditUnavailableException e) {
                      outcome.failed("audit unavailable: " + e.getMessage());
                    }
                  });
      max =
          Measurement.run(
              "audit-append max",
              append,
              ctx.closedPlan(List.of(ctx.generator())),
              List.of("ok"),
              List.of(ctx.generator()),
              ctx);
      Scenarios.requireProgress("audit-append", max);
      half =
          Measurement.run(
              "audit-append half",
              append,
              ctx.openPlan(max.throughput() / 2),
              List.of("ok"),
              List.of(ctx.generator()),
              ctx);
      size = log.size();
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    ScenarioResult r = new ScenarioResult(name());
    Fields.fill(r, max, half, base);
    r.put("appenders", appenders);
    r.put("record_bytes", records[0].getSerializedSize());
    r.put("records_in_log", size);
    r.put("log_directory", "temporary directory on " + fileSystemOf(dir));
    r.target(
        TargetCheck.atLeast(
            "audit-append >= 20,000 durable records/s",
            max.throughput(),
            TARGET_PER_S,
            String.format(
                Locale.ROOT, "%,.0f records/s with %d appenders", max.throughput(), appenders)));
    r.note(
        "CPU per op counts the whole benchmark JVM (appender threads, the log's writer thread, GC).");
    return r;
  }

  private static String fileSystemOf(Path dir) {
    try {
      java.nio.file.FileStore store = java.nio.file.Files.getFileStore(dir.getParent());
      return store.type() + " (" + store.name() + ")";
    } catch (java.io.IOException e) {
      return "unknown file system";
    }
  }
}
