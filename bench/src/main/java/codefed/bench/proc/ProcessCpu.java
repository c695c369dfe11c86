package codefed.bench.proc;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time of a process. For this JVM the OS MXBean (nanosecond resolution); for others {@code
 * /proc/<pid>/stat} through {@link ProcessHandle.Info#totalCpuDuration()} (clock-tick resolution,
 * 10 ms on Linux: small next to the seconds a measured window burns).
 */
public final class ProcessCpu {
  private ProcessCpu() {}

  public static Duration of(ProcessHandle process) {
    if (process.pid() == ProcessHandle.current().pid()) {
      java.lang.management.OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
      if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
        long nanos = sun.getProcessCpuTime();
        if (nanos >= 0) {
          return Duration.ofNanos(nanos);
        }
      }
    }
    return process.info().totalCpuDuration().orElseGet(() -> fromProcStat(process.pid()));
  }

  /** Sum over the process and all its descendants (nginx: master and workers). */
  public static Duration withDescendants(ProcessHandle process) {
    Duration total = of(process);
    for (ProcessHandle child : process.descendants().toList()) {
      total = total.plus(of(child));
    }
    return total;
  }

  /** utime + stime from /proc/<pid>/stat, assuming the usual 100 ticks per second. */
  static Duration fromProcStat(long pid) {
    try {
      return Duration.ofMillis(
          cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) * 10);
    } catch (IOException | RuntimeException e) {
      return Duration.ZERO; // the process is gone: nothing more to count
    }
  }

  /**
   * utime + stime (clock ticks) of a {@code /proc/<pid>/stat} or {@code
   * /proc/<pid>/task/<tid>/stat} line; the name in parentheses may itself hold spaces or
   * parentheses.
   */
  static long cpuTicks(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
