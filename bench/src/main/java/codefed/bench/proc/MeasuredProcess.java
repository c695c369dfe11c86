package codefed.bench.proc;

import java.time.Duration;

/** A process (or group of processes) whose CPU time a benchmark reports. */
public interface MeasuredProcess {
  /** Short name used in reports, e.g. "gateway", "nodes", "nginx", "generator". */
  String name();

  /** User + system CPU time consumed so far (all threads; for a group, all its processes). */
  Duration cpuTime();

  /** The part of {@link #cpuTime()} spent by JIT compiler threads; zero when not a JVM. */
  default Duration jitCpuTime() {
    return Duration.ZERO;
  }

  /** The benchmark process itself (load generator, in-process benches). */
  static MeasuredProcess self(String name) {
    return new MeasuredProcess() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Duration cpuTime() {
        return ProcessCpu.of(ProcessHandle.current());
      }

      @Override
      public Duration jitCpuTime() {
        return JitCpu.of(ProcessHandle.current().pid());
      }
    };
  }
}
