package codefed.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One gateway of the fleet demo as a separate JVM ({@code codefed gateway --config FILE}, the same
 * java and class path as this process), so that killing it is a real SIGKILL: no shutdown hook, no
 * flush, whatever the operating system had not written is gone.
 */
final class GatewayProcess {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final Path config;
  private final Path output;
  private Process process;
  private long startedAt; // the output's length when this start began: earlier runs' lines before

  GatewayProcess(String name, Path config, Path output) {
    this.name = name;
    this.config = config;
    this.output = output;
  }

  String name() {
    return name;
  }

  /** Starts the JVM; {@link #awaitListening()} waits until it serves. */
  void start() throws IOException {
    startedAt = Files.exists(output) ? Files.size(output) : 0;
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-Xmx256m",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "codefed.cli.Codefed",
                    "gateway",
                    "--config",
                    config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
            .start();
    process.getOutputStream().close();
  }

  /**
   * Waits (bounded) for this start's "listening on port" line in the gateway's output, written
   * after the output's length at {@link #start()}: the file is appended to by every start, also
   * those of an earlier demo in the same directory.
   */
  void awaitListening() throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (sinceStart().contains("listening on port")) {
        return;
      }
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "gateway " + name + " exited with " + process.exitValue() + "; see " + output);
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException(
        "gateway " + name + " did not start within " + START_TIMEOUT + "; see " + output);
  }

  private String sinceStart() {
    try {
      if (!Files.exists(output)) {
        return "";
      }
      byte[] all = Files.readAllBytes(output);
      int from = (int) Math.min(all.length, startedAt);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** SIGKILL ({@link Process#destroyForcibly()}), and wait until the process is gone. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the gateway's shutdown hook stops it gracefully (calls finish, the log is closed). */
  void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
