package codefed.bench.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs the benchmark command again in a JVM sized for load generation. The generator allocates per
 * call; in a default-sized heap it collects every second or so, and on two busy cores each young
 * pause takes milliseconds that would be charged to the servers' p99. A large young generation
 * makes those pauses rare. The same command line (and CODEFED_JAVA_OPTS, which come later and so
 * win) is kept; a system property stops the relaunch from repeating.
 */
final class GeneratorJvm {
  /**
   * The parallel collector: its young pauses here are 0.5–2 ms against G1's 8–17 ms (both JVMs
   * share two cores, so G1's pauses stretch), and the bare echo's p99 at half load must stay under
   * 2 ms. Its full collections stop everything, so the old generation is large enough that {@code
   * bench all} (one generator JVM for every scenario, holding their code pools) never fills it.
   */
  static final String DEFAULT_OPTIONS =
      "-Xms4g -Xmx4g -Xmn1536m -XX:+UseParallelGC -XX:+AlwaysPreTouch";

  static final String RELAUNCHED = "codefed.bench.relaunched";

  private GeneratorJvm() {}

  /** The relaunched command's exit code; empty when this JVM should run the benchmark itself. */
  static Optional<Integer> relaunch(String options) throws IOException, InterruptedException {
    if (Boolean.getBoolean(RELAUNCHED) || options.isBlank()) {
      return Optional.empty();
    }
    ProcessHandle.Info self = ProcessHandle.current().info();
    Optional<String> java = self.command();
    Optional<List<String>> args =
        self.arguments().map(List::of).or(GeneratorJvm::procCmdlineArguments);
    if (java.isEmpty() || args.isEmpty()) {
      return Optional.empty(); // cannot see our own command line: run here
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(java.get());
    cmd.addAll(List.of(options.trim().split("\\s+")));
    cmd.add("-D" + RELAUNCHED + "=true");
    cmd.addAll(args.get());
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    try {
      return Optional.of(p.waitFor());
    } catch (InterruptedException e) {
      p.destroy();
      throw e;
    }
  }

  /** ProcessHandle gives up on long command lines (a long class path); /proc does not. */
  private static Optional<List<String>> procCmdlineArguments() {
    try {
      String raw = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/cmdline"));
      List<String> all = List.of(raw.split("\0"));
      return all.size() < 2 ? Optional.empty() : Optional.of(all.subList(1, all.size()));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
