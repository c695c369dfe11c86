package codefed.bench.audit;

import codefed.gateway.audit.ArchivedTrustKeys;
import codefed.gateway.audit.LogVerifier;
import codefed.gateway.audit.PkiVerificationKeys;
import codefed.gateway.audit.VerificationKeys;
import codefed.gateway.audit.replay.DecisionReplay;
import codefed.gateway.audit.seal.EvidenceCheck;
import codefed.gateway.audit.seal.EvidenceOpener;
import codefed.gateway.audit.seal.RecordInputs;
import codefed.threads.DaemonThreads;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The auditor's side of a busy gateway, measured: a gateway-like log written through the audit
 * log's append path, then a full verify with the auditors' key, an incremental verify after 10 %
 * more records, and a replay. Runs in this JVM.
 */
public final class AuditVerifyBench {
  /** Distinct codes the hot scans cycle through (each with one cached, signed answer). */
  static final int HOT_CODES = 2000;

  private final Path work;
  private final int records;
  private final double hot;
  private final int threads;

  public AuditVerifyBench(Path work, int records, double hot, int threads) {
    this.work = work;
    this.records = records;
    this.hot = hot;
    this.threads = threads;
  }

  /**
   * One measured step.
   *
   * @param cpuSeconds CPU time of this whole JVM during the step (all threads, JIT and GC included)
   */
  public record Step(String name, long records, double seconds, double cpuSeconds, String verdict) {
    double perSecond() {
      return records / seconds;
    }
  }

  /** What a run measured. */
  public record Result(List<Step> steps, boolean ok, int threads) {
    public List<String> lines(double gatewayPeak) {
      List<String> out = new ArrayList<>();
      for (Step s : steps) {
        out.add(
            String.format(
                Locale.ROOT,
                "%-23s %8d records %7.2f s %8.0f records/s %6.1f µs/record %5.1f× peak | CPU %6.1f µs/record  %s",
                s.name(),
                s.records(),
                s.seconds(),
                s.perSecond(),
                s.seconds() * 1e6 / s.records(),
                s.perSecond() / gatewayPeak,
                s.cpuSeconds() * 1e6 / s.records(),
                s.verdict()));
      }
      out.add(
          String.format(
              Locale.ROOT,
              "gateway peak %.0f records/s (--gateway-peak); %d threads on %d processors; "
                  + "load average %.1f at the end (CPU µs/record is this JVM's CPU time: it does not depend on other load)",
              gatewayPeak,
              threads,
              Runtime.getRuntime().availableProcessors(),
              java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                  .getSystemLoadAverage()));
      return out;
    }
  }

  public Result run() throws Exception {
    GatewayLikeLog gen = GatewayLikeLog.create(work.resolve("pki"), hot, HOT_CODES);
    Path log = work.resolve("audit").resolve(GatewayLikeLog.GATEWAY);
    List<Step> steps = new ArrayList<>();
    double[] append = gen.append(log, 0, records);
    steps.add(
        new Step(
            "audit append",
            records,
            append[0],
            append[1],
            "durable appends through AuditLog (building and sealing records not counted)"));
    PkiVerificationKeys keys = PkiVerificationKeys.load(gen.pki());
    Optional<EvidenceOpener> opener = Optional.of(EvidenceOpener.load(gen.auditorKey()));
    ExecutorService pool =
        Executors.newFixedThreadPool(threads, DaemonThreads.numbered("bench-audit-verify"));
    boolean ok;
    try {
      Verifies verifies = new Verifies(log, keys, pool, steps);
      LogVerifier.Outcome full = verifies.run("verify (full)", opener, Optional.empty(), "");
      ok = full.report().ok() && full.checked() == records;
      // The same again: the first pass also pays for compiling the verifier (JIT); a day's log of a
      // busy gateway is verified at this second pass's rate after its first few seconds.
      LogVerifier.Outcome again =
          verifies.run("verify (full, again)", opener, Optional.empty(), ", compiled code warm");
      ok &= again.report().ok() && again.checked() == records;
      LogVerifier.Outcome unopened =
          verifies.run(
              "verify (no auditor key)",
              Optional.empty(),
              Optional.empty(),
              ", sealed evidence not opened");
      ok &= unopened.report().ok();
      int more = Math.max(1, records / 10);
      gen.append(log, records, more);
      LogVerifier.Outcome next = verifies.run("verify (incremental)", opener, full.newest(), "");
      ok &= next.report().ok() && next.checked() == more;
      Timer start = new Timer();
      DecisionReplay.Result clear = DecisionReplay.replay(log, RecordInputs.clear(), pool);
      steps.add(
          new Step(
              "replay",
              clear.replayed() + clear.manual(),
              start.seconds(),
              start.cpuSeconds(),
              clear.mismatches().size() + " mismatches (clear status)"));
      ok &= clear.ok() && clear.replayed() == records + more;
      start = new Timer();
      DecisionReplay.Result opened =
          DecisionReplay.replay(
              log, RecordInputs.opening(opener, Optional.<VerificationKeys>of(keys)), pool);
      steps.add(
          new Step(
              "replay (auditor key)",
              opened.replayed() + opened.manual(),
              start.seconds(),
              start.cpuSeconds(),
              opened.mismatches().size() + " mismatches (answers opened, signatures re-checked)"));
      ok &= opened.ok() && opened.replayed() == records + more;
    } finally {
      pool.shutdownNow();
    }
    return new Result(steps, ok, threads);
  }

  /** Timed runs of what {@code audit verify} does for one shard, each added as a step. */
  private record Verifies(
      Path log, PkiVerificationKeys keys, ExecutorService pool, List<Step> steps) {
    /** With the auditors' key when {@code opener} is given, from {@code from} when given. */
    LogVerifier.Outcome run(
        String name,
        Optional<EvidenceOpener> opener,
        Optional<LogVerifier.VerifiedPoint> from,
        String note)
        throws java.io.IOException {
      Timer start = new Timer();
      ArchivedTrustKeys archived = ArchivedTrustKeys.forLog(log, keys);
      LogVerifier.Outcome outcome =
          LogVerifier.run(
              log,
              archived,
              EvidenceCheck.of(archived, opener),
              new LogVerifier.Options(pool, from));
      String summary = outcome.report().summary() + note;
      if (from.isPresent()) {
        summary += ", checked " + outcome.checked() + " new";
      }
      steps.add(new Step(name, outcome.checked(), start.seconds(), start.cpuSeconds(), summary));
      return outcome;
    }
  }

  /** Wall and process CPU time since it was made. */
  private static final class Timer {
    private final long wall = System.nanoTime();
    private final long cpu = cpuNanos();

    double seconds() {
      return (System.nanoTime() - wall) / 1e9;
    }

    double cpuSeconds() {
      return (cpuNanos() - cpu) / 1e9;
    }
  }

  /** This JVM's CPU time in ns (all threads). */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
