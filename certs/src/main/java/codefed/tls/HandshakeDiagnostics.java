package codefed.tls;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Refused handshakes, reported as they happen: counted by the listener (metrics) every time, logged
 * with the peer's subject and reason at most once per reason and minute, with the number of
 * refusals not logged in between — a scanner retrying in a loop cannot flood the log.
 */
public final class HandshakeDiagnostics {
  private static final Logger LOG = Logger.getLogger(HandshakeDiagnostics.class.getName());
  static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

  /**
   * Counts refused handshakes (e.g. {@code codefed_tls_handshake_failures_total}); must not throw.
   */
  @FunctionalInterface
  public interface Listener {
    void refused(HandshakeFailure reason);
  }

  /** Logs only. */
  public static final HandshakeDiagnostics LOG_ONLY =
      new HandshakeDiagnostics(r -> {}, Clock.systemUTC());

  private final Listener listener;
  private final Clock clock;
  private final Map<HandshakeFailure, Instant> lastLogged = new EnumMap<>(HandshakeFailure.class);
  private final Map<HandshakeFailure, Integer> suppressed = new EnumMap<>(HandshakeFailure.class);

  public HandshakeDiagnostics(Listener listener, Clock clock) {
    this.listener = Objects.requireNonNull(listener, "listener");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A handshake refused for {@code reason}; {@code subject} names the peer certificate. */
  public void refused(HandshakeFailure reason, String subject, String detail) {
    try {
      listener.refused(reason);
    } catch (RuntimeException ignored) {
      // metrics must never change how a handshake ends
    }
    String line;
    synchronized (this) {
      Instant now = clock.instant();
      Instant last = lastLogged.get(reason);
      if (last != null && now.isBefore(last.plus(LOG_INTERVAL))) {
        suppressed.merge(reason, 1, Integer::sum);
        return;
      }
      lastLogged.put(reason, now);
      Integer more = suppressed.remove(reason);
      line =
          "TLS handshake refused ("
              + reason.label()
              + "): peer "
              + subject
              + ": "
              + detail
              + (more == null
                  ? ""
                  : " (" + more + " more refused for this reason since the last report)");
    }
    LOG.warning(line);
  }
}
