package codefed.bench.proc;

import codefed.threads.DaemonThreads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * A JVM started on this JVM's class path to run one side of a benchmark (servers, a memory probe),
 * so that generator and servers are separate processes with their own CPU clocks, as in a
 * deployment.
 *
 * <p>Protocol on the child's stdio ({@link ChildProtocol}): it prints {@code READY <json>} once
 * serving, answers each command line on stdin with {@code OK <text>} or {@code ERR <text>}, and
 * exits when stdin closes, so a dying parent never leaves servers behind. Its stderr goes to a log
 * file.
 */
public final class ChildJvm implements MeasuredProcess, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ChildJvm.class.getName());
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final String name;
  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread reader = DaemonThreads.named("child-" + name + "-stdout").newThread(this::readStdout);
    reader.start();
  }

  /**
   * Starts {@code mainClass} in a new JVM with this JVM's class path.
   *
   * @param jvmOptions e.g. {@code -Xmx2g}
   * @param log where the child's stderr (its log) goes
   */
  public static ChildJvm start(
      String name, String mainClass, List<String> jvmOptions, List<String> args, Path log)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaExecutable());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process p =
        new ProcessBuilder(cmd)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    LOG.fine(() -> "started " + name + " (pid " + p.pid() + "): " + mainClass + " " + args);
    return new ChildJvm(name, p, log);
  }

  static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  private void readStdout() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.startsWith(ChildProtocol.READY)
            || line.startsWith(ChildProtocol.OK)
            || line.startsWith(ChildProtocol.ERR)) {
          replies.add(line);
        }
      }
    } catch (IOException e) {
      // the child is gone; waiters time out or see it dead
    }
  }

  /** Waits for {@code READY <payload>}; returns the payload. */
  public String awaitReady(Duration timeout) throws IOException {
    String line = nextReply(timeout, "start");
    if (!line.startsWith(ChildProtocol.READY)) {
      throw new IOException(name + " did not start: " + line + " (see " + log + ")");
    }
    return line.substring(ChildProtocol.READY.length()).trim();
  }

  /** Sends one command line and returns the text after {@code OK}; {@code ERR} throws. */
  public synchronized String command(String line, Duration timeout) throws IOException {
    stdin.write(line + "\n");
    stdin.flush();
    String reply = nextReply(timeout, line);
    if (reply.startsWith(ChildProtocol.OK)) {
      return reply.substring(ChildProtocol.OK.length()).trim();
    }
    throw new IOException(name + " refused '" + line + "': " + reply + " (see " + log + ")");
  }

  private String nextReply(Duration timeout, String waitingFor) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        String line = replies.poll(100, TimeUnit.MILLISECONDS);
        if (line != null) {
          return line;
        }
        if (!process.isAlive() && replies.isEmpty()) {
          throw new IOException(
              name
                  + " exited with "
                  + process.exitValue()
                  + " while waiting for "
                  + waitingFor
                  + " (see "
                  + log
                  + ")");
        }
        if (System.nanoTime() > deadline) {
          throw new IOException(
              name + ": no answer to " + waitingFor + " within " + timeout + " (see " + log + ")");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for " + name, e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Duration cpuTime() {
    return ProcessCpu.of(process.toHandle());
  }

  @Override
  public Duration jitCpuTime() {
    return JitCpu.of(process.pid());
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return log;
  }

  /** Closes stdin (the child stops gracefully), then waits; kills it if it does not exit. */
  @Override
  public void close() {
    try {
      stdin.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.warning(name + " did not stop within " + STOP_GRACE + "; killing it");
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** For callers that must report a failure to start with the child's last words. */
  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
