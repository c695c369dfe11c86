package codefed.gateway.server;

import codefed.code.HealthCodeText;
import codefed.code.MalformedCodeException;
import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.CodePayload;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs {@code RecognizeStream} scans on the shared stream executor with at most a few per issuer at
 * once, so one slow issuer's node can never hold every stream thread: its further scans wait in its
 * own queue, holding no thread, while other issuers' scans go on. The issuer is read from the QR
 * text without verifying it — it only chooses a queue; verification comes later as for every scan.
 */
final class IssuerLanes {
  /** One issuer's scans: how many run, and which wait. */
  private static final class Lane {
    int running;
    final ArrayDeque<Task> waiting = new ArrayDeque<>();
  }

  private record Task(Runnable work, Runnable onRejected) {}

  private final Executor executor;
  private final int perIssuer;
  private final Map<String, Lane> lanes = new HashMap<>(); // guarded by this; idle lanes removed

  /**
   * @param perIssuer scans of one issuer running at once (e.g. half the stream threads)
   */
  IssuerLanes(Executor executor, int perIssuer) {
    if (perIssuer < 1) {
      throw new IllegalArgumentException("perIssuer: " + perIssuer + " (expected: > 0)");
    }
    this.executor = executor;
    this.perIssuer = perIssuer;
  }

  /**
   * Runs {@code work} now or once a slot of the QR's issuer frees up.
   *
   * @param onRejected runs instead of {@code work} if the executor refuses it later (shutdown)
   * @throws RejectedExecutionException if the executor refuses it now
   */
  void execute(String qrText, Runnable work, Runnable onRejected) {
    String issuer = issuerOf(qrText);
    Task task = new Task(work, onRejected);
    synchronized (this) {
      Lane lane = lanes.computeIfAbsent(issuer, k -> new Lane());
      if (lane.running >= perIssuer) {
        lane.waiting.add(task);
        return;
      }
      lane.running++;
    }
    try {
      submit(issuer, task);
    } catch (RejectedExecutionException e) {
      finished(issuer);
      throw e;
    }
  }

  /** Scans waiting for a slot, over all issuers (for tests and metrics). */
  synchronized int waiting() {
    return lanes.values().stream().mapToInt(l -> l.waiting.size()).sum();
  }

  private void submit(String issuer, Task task) {
    executor.execute(
        () -> {
          try {
            task.work().run();
          } finally {
            finished(issuer);
          }
        });
  }

  /** A scan of the issuer ended: start its next waiting one, or free the slot. */
  private void finished(String issuer) {
    Task next;
    synchronized (this) {
      Lane lane = lanes.get(issuer);
      next = lane.waiting.poll();
      if (next == null && --lane.running == 0) {
        lanes.remove(issuer);
      }
    }
    if (next != null) {
      try {
        submit(issuer, next);
      } catch (RejectedExecutionException e) {
        finished(issuer);
        next.onRejected().run();
      }
    }
  }

  /** The issuer the QR text claims, or "" when it does not parse (such scans share a lane). */
  static String issuerOf(String qrText) {
    try {
      return CodePayload.parseFrom(HealthCodeText.decode(qrText).getPayload()).getIssuer();
    } catch (MalformedCodeException | InvalidProtocolBufferException | RuntimeException e) {
      return "";
    }
  }
}
