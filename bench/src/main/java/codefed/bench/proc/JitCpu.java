package codefed.bench.proc;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time a JVM's JIT compiler threads ({@code C1 CompilerThreadN}, {@code C2 CompilerThreadN})
 * have used, from {@code /proc/<pid>/task/<tid>/stat} (Linux; clock ticks of 10 ms). A busy JIT
 * means the process is not yet at steady state: its CPU per operation is inflated and it steals CPU
 * from everything else on a two-core machine.
 */
public final class JitCpu {
  private JitCpu() {}

  /** Zero where {@code /proc} cannot be read (another OS, or the process is gone). */
  public static Duration of(long pid) {
    Path tasks = Path.of("/proc", Long.toString(pid), "task");
    long ticks = 0;
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
      for (Path task : dir) {
        ticks += compilerTicks(task);
      }
    } catch (IOException | RuntimeException e) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(ticks * 10);
  }

  /** utime + stime of one thread if it is a compiler thread; threads may end while we read. */
  private static long compilerTicks(Path task) {
    try {
      String stat = Files.readString(task.resolve("stat"));
      int open = stat.indexOf('(');
      int close = stat.lastIndexOf(')');
      return isCompiler(stat.substring(open + 1, close)) ? ProcessCpu.cpuTicks(stat) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Linux truncates thread names to 15 characters: "C2 CompilerThre". */
  static boolean isCompiler(String threadName) {
    return threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre");
  }
}
