package codefed.bench.scenario;

import codefed.bench.load.AsyncCall;
import codefed.bench.load.LoadGenerator;
import codefed.bench.load.LoadPlan;
import codefed.bench.load.LoadResult;
import codefed.bench.load.WindowListener;
import codefed.bench.proc.CpuSnapshot;
import codefed.bench.proc.MeasuredProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Logger;

/**
 * Runs a load phase and reads the CPU clocks of the server processes and the generator.
 *
 * <p>The warm-up is extended (by at most its own length, see {@link LoadGenerator}) until the
 * servers' JIT compilers have been quiet for two consecutive seconds: under {@value
 * #QUIET_JIT_SHARE} of the servers' CPU. On two shared cores a C2 compiler still busy with a
 * freshly hot path takes a large part of the CPU and would be counted as the path's cost. All
 * extensions of a run come out of one budget ({@link BenchContext#WARMUP_EXTENSION_BUDGET}), so
 * that a slow host cannot stretch a run without bound.
 */
public final class Measurement {
  private static final Logger LOG = Logger.getLogger(Measurement.class.getName());
  static final double QUIET_JIT_SHARE = 0.05;
  private static final int QUIET_SECONDS = 2;

  private Measurement() {}

  public static Measured run(
      String label,
      AsyncCall call,
      LoadPlan plan,
      List<String> categories,
      List<MeasuredProcess> servers,
      BenchContext ctx) {
    MeasuredProcess generator = ctx.generator();
    List<MeasuredProcess> all = new ArrayList<>(servers);
    if (servers.stream().noneMatch(p -> p.name().equals(generator.name()))) {
      all.add(generator);
    }
    CpuSnapshot[] at = new CpuSnapshot[2];
    LOG.info(
        () ->
            label
                + ": "
                + plan.describe()
                + ", warm-up "
                + plan.warmup().toSeconds()
                + " s, measuring "
                + plan.duration().toSeconds()
                + " s");
    LoadResult load =
        LoadGenerator.run(
            call,
            plan,
            categories,
            new WindowListener() {
              @Override
              public void warmupEnding(long deadlineNanos) {
                long start = System.nanoTime();
                long granted = ctx.grantWarmupExtension(deadlineNanos - start);
                awaitQuietJit(servers, start + granted);
                ctx.returnWarmupExtension(granted - (System.nanoTime() - start));
              }

              @Override
              public void windowStarted() {
                at[0] = CpuSnapshot.take(all);
              }

              @Override
              public void windowEnded() {
                at[1] = CpuSnapshot.take(all);
              }
            });
    List<String> serverNames = servers.stream().map(MeasuredProcess::name).toList();
    Measured m =
        new Measured(
            load, at[1].secondsSince(at[0], all), at[1].jitSecondsSince(at[0], all), serverNames);
    LOG.info(
        () ->
            String.format(
                java.util.Locale.ROOT,
                "%s: %.0f/s, p50 %.3f ms, p99 %.3f ms, %d failed, server CPU %.1f µs/op (JIT %.0f %%)%s",
                label,
                m.throughput(),
                load.latency().p50Ms(),
                load.latency().p99Ms(),
                load.failed(),
                m.serverCpuUsPerOp(),
                100 * m.serverJitShare(),
                load.warmupExtendedSeconds() >= 0.5
                    ? String.format(
                        java.util.Locale.ROOT,
                        ", warm-up extended %.0f s",
                        load.warmupExtendedSeconds())
                    : ""));
    return m;
  }

  /** Blocks until the servers' JIT has been quiet for {@link #QUIET_SECONDS}, or the deadline. */
  static void awaitQuietJit(List<MeasuredProcess> servers, long deadlineNanos) {
    int quiet = 0;
    CpuSnapshot before = CpuSnapshot.take(servers);
    while (quiet < QUIET_SECONDS
        && System.nanoTime() + TimeUnit.SECONDS.toNanos(1) <= deadlineNanos) {
      LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
      CpuSnapshot after = CpuSnapshot.take(servers);
      double total = sum(after.secondsSince(before, servers));
      double jit = sum(after.jitSecondsSince(before, servers));
      quiet = total <= 0 || jit / total < QUIET_JIT_SHARE ? quiet + 1 : 0;
      before = after;
    }
  }

  private static double sum(Map<String, Double> seconds) {
    return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
  }
}
