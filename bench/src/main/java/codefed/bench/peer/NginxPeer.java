package codefed.bench.peer;

import codefed.bench.proc.MeasuredProcess;
import codefed.bench.proc.ProcessCpu;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * nginx running in the foreground ({@code daemon off}) as a child of the benchmark, with a
 * generated configuration in a temporary prefix; CPU counted over master and workers; stopped
 * (SIGTERM, then SIGKILL) at the end.
 */
public final class NginxPeer implements MeasuredProcess, AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final Process process;
  private final NginxConfig config;

  private NginxPeer(Process process, NginxConfig config) {
    this.process = process;
    this.config = config;
  }

  public static NginxPeer start(Path binary, NginxConfig config) throws IOException {
    Path prefix = config.prefix();
    Files.createDirectories(prefix.resolve("tmp"));
    Path conf = prefix.resolve("nginx.conf");
    Files.writeString(conf, config.render(), StandardCharsets.UTF_8);
    check(binary, prefix, conf);
    Process p =
        new ProcessBuilder(binary.toString(), "-p", prefix.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(prefix.resolve("stdout.log").toFile())
            .start();
    p.getOutputStream().close();
    NginxPeer peer = new NginxPeer(p, config);
    peer.awaitListening();
    return peer;
  }

  /** {@code nginx -t}: a configuration error is reported with nginx's own words. */
  private static void check(Path binary, Path prefix, Path conf) throws IOException {
    Process t =
        new ProcessBuilder(
                binary.toString(), "-t", "-q", "-p", prefix.toString(), "-c", conf.toString())
            .redirectErrorStream(true)
            .start();
    try {
      t.getOutputStream().close();
      String out = new String(t.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!t.waitFor(20, TimeUnit.SECONDS) || t.exitValue() != 0) {
        throw new IOException(
            "nginx rejected the generated configuration " + conf + ": " + out.trim());
      }
    } catch (InterruptedException e) {
      t.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while checking the nginx configuration", e);
    }
  }

  private void awaitListening() throws IOException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("nginx exited with " + process.exitValue() + ": " + errorLog());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", config.listenPort()), 200);
        return;
      } catch (IOException e) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
      }
    }
    close();
    throw new IOException(
        "nginx did not listen on " + config.listenPort() + " within " + START_TIMEOUT);
  }

  public String errorLog() {
    try {
      List<String> lines =
          Files.readAllLines(config.prefix().resolve("error.log"), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(no error log)";
    }
  }

  public int port() {
    return config.listenPort();
  }

  public NginxConfig config() {
    return config;
  }

  @Override
  public String name() {
    return "nginx";
  }

  @Override
  public Duration cpuTime() {
    return ProcessCpu.withDescendants(process.toHandle());
  }

  /** SIGTERM (nginx's fast shutdown), then SIGKILL if it lingers. */
  @Override
  public void close() {
    List<ProcessHandle> workers = process.toHandle().descendants().toList();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    workers.forEach(
        w -> {
          if (w.isAlive()) {
            w.destroyForcibly();
          }
        });
  }
}
