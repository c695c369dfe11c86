package codefed.bench.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;

/**
 * The machine's CPU counters from {@code /proc/stat}: how much of the time the hypervisor gave the
 * virtual CPUs to someone else ("steal"). On a shared host a run with much steal measures the
 * neighbours as much as the code; ratios to the in-run baseline absorb some of it, not all.
 */
public record HostCpu(long total, long steal) {

  /** Unknown (zeros) where {@code /proc/stat} cannot be read. */
  public static HostCpu sample() {
    try {
      return parse(Files.readAllLines(Path.of("/proc/stat")).get(0));
    } catch (IOException | RuntimeException e) {
      return new HostCpu(0, 0);
    }
  }

  /** The aggregate line: {@code cpu user nice system idle iowait irq softirq steal ...}. */
  static HostCpu parse(String cpuLine) {
    String[] f = cpuLine.trim().split("\\s+");
    if (!f[0].equals("cpu")) {
      throw new IllegalArgumentException("not the aggregate cpu line: " + cpuLine);
    }
    long total = 0;
    // user..steal; guest time is already inside user and nice.
    for (int i = 1; i <= 8 && i < f.length; i++) {
      total += Long.parseLong(f[i]);
    }
    long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
    return new HostCpu(total, steal);
  }

  /** The share of the CPU time since {@code earlier} that was stolen; empty if unknown. */
  public OptionalDouble stealShareSince(HostCpu earlier) {
    long dt = total - earlier.total;
    return dt <= 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) (steal - earlier.steal) / dt);
  }
}
