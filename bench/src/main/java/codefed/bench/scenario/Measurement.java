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
import java.util.logging.Logger;

/** Runs a load phase and reads the CPU clocks of the server processes and the generator. */
public final class Measurement {
  private static final Logger LOG = Logger.getLogger(Measurement.class.getName());

  private Measurement() {}

  public static Measured run(String label, AsyncCall call, LoadPlan plan, List<String> categories,
      List<MeasuredProcess> servers, MeasuredProcess generator) {
    List<MeasuredProcess> all = new ArrayList<>(servers);
    if (servers.stream().noneMatch(p -> p.name().equals(generator.name()))) {
      all.add(generator);
    }
    CpuSnapshot[] at = new CpuSnapshot[2];
    LOG.info(() -> label + ": " + plan.describe() + ", warm-up " + plan.warmup().toSeconds()
        + " s, measuring " + plan.duration().toSeconds() + " s");
    LoadResult load = LoadGenerator.run(call, plan, categories, new WindowListener() {
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
    Measured m = new Measured(load, at[1].secondsSince(at[0], all), serverNames);
    LOG.info(() -> String.format(java.util.Locale.ROOT,
        "%s: %.0f/s, p50 %.3f ms, p99 %.3f ms, %d failed, server CPU %.1f µs/op",
        label, m.throughput(), load.latency().p50Ms(), load.latency().p99Ms(), load.failed(),
        m.serverCpuUsPerOp()));
    return m;
  }
}
