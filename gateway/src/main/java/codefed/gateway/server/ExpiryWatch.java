package codefed.gateway.server;

import codefed.tls.CrlCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs with the trust list poll: reloads the trust list, warns in the log from {@code warnAhead}
 * before the trust list or the CRL reaches its next_update (at most once an hour each), and reports
 * whether the gateway can serve: not once either is expired beyond its grace.
 */
final class ExpiryWatch implements Runnable {
  private static final Logger LOG = Logger.getLogger(ExpiryWatch.class.getName());
  private static final Duration REPEAT = Duration.ofHours(1);

  private final TrustListHolder trust;
  private final CrlCache crl;
  private final Clock clock;
  private final Duration warnAhead;
  private final Consumer<Boolean> serving;
  private final Map<String, Instant> lastWarned = new HashMap<>();
  private Boolean lastServing;

  ExpiryWatch(
      TrustListHolder trust,
      CrlCache crl,
      Clock clock,
      Duration warnAhead,
      Consumer<Boolean> serving) {
    this.trust = trust;
    this.crl = crl;
    this.clock = clock;
    this.warnAhead = warnAhead;
    this.serving = serving;
  }

  @Override
  public synchronized void run() {
    try {
      trust.refresh();
      boolean trustOk = check("trust list", trust.inUse().nextUpdate(), trust.grace());
      boolean crlOk = crl == null || check("CRL", crl.nextUpdate(), crl.grace());
      boolean ok = trustOk && crlOk;
      if (lastServing == null || lastServing != ok) {
        lastServing = ok;
        serving.accept(ok);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "trust material check failed", e);
    }
  }

  /** Warns as due; whether {@code what} is still usable. */
  private boolean check(String what, Instant nextUpdate, Duration grace) {
    Instant now = clock.instant();
    boolean usable = now.isBefore(nextUpdate.plus(grace));
    if (now.isBefore(nextUpdate.minus(warnAhead))) {
      lastWarned.remove(what);
      return usable;
    }
    Instant last = lastWarned.get(what);
    if (last != null && now.isBefore(last.plus(REPEAT))) {
      return usable;
    }
    lastWarned.put(what, now);
    if (now.isBefore(nextUpdate)) {
      LOG.warning(
          what
              + " expires at "
              + nextUpdate
              + " (in "
              + Duration.between(now, nextUpdate).toHours()
              + " h): re-sign it (codefed certs refresh) and publish it");
    } else if (usable) {
      LOG.warning(
          what
              + " expired at "
              + nextUpdate
              + "; still used within its grace period: publish a refreshed one");
    } else {
      LOG.severe(
          what
              + " expired at "
              + nextUpdate
              + " and its grace is over: the gateway gives no decisions"
              + " (health NOT_SERVING) until a refreshed one is published");
    }
    return usable;
  }
}
