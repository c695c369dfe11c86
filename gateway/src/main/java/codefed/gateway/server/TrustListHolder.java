package codefed.gateway.server;

import codefed.pki.PkiDirectory;
import codefed.trust.TrustList;
import codefed.trust.TrustListException;
import healthcode.federation.v1.SignedTrustList;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The trust list in use, re-read from the PKI directory on {@link #refresh()}; a list that
 * fails verification or is older than the one in use is refused and the old one kept.
 *
 * <p>Expiry is judged the same way at start and at runtime: a list past its next_update is
 * still used for {@code grace} (the operator is warned), and past that it is refused — the
 * gateway does not start on it, and a running gateway gives no decision with it ({@link
 * TrustListExpiredException}) until a refreshed list is published.
 */
final class TrustListHolder implements Supplier<TrustList> {
  private static final Logger LOG = Logger.getLogger(TrustListHolder.class.getName());

  private final PkiDirectory pki;
  private final Clock clock;
  private final Duration grace;
  private volatile TrustList current;

  private TrustListHolder(PkiDirectory pki, Clock clock, Duration grace, TrustList first) {
    this.pki = pki;
    this.clock = clock;
    this.grace = grace;
    this.current = first;
  }

  /**
   * Loads the PKI's trust list; refuses an unsigned or badly signed one, and one expired longer
   * than {@code grace} ago by {@code clock} (the wall clock, not a drill clock).
   */
  static TrustListHolder load(PkiDirectory pki, Clock clock, Duration grace) throws TrustListException {
    Objects.requireNonNull(pki, "pki");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace: " + grace + " (expected: >= 0)");
    }
    TrustList first = read(pki, clock.instant(), grace);
    return new TrustListHolder(pki, clock, grace, first);
  }

  /** The list in use, unless it expired beyond its grace: then no decision may use it. */
  @Override
  public TrustList get() {
    TrustList l = current;
    if (!clock.instant().isBefore(l.nextUpdate().plus(grace))) {
      throw new TrustListExpiredException(l.nextUpdate(), grace);
    }
    return l;
  }

  /** The list in use, expired or not (for metrics and health). */
  TrustList inUse() {
    return current;
  }

  Duration grace() {
    return grace;
  }

  void refresh() {
    try {
      TrustList next = read(pki, clock.instant(), grace);
      if (next.version() > current.version()) {
        LOG.info("trust list version " + next.version() + " now in use (was " + current.version() + ")");
        current = next;
      }
    } catch (TrustListException e) {
      LOG.warning("trust list not reloaded, keeping version " + current.version() + ": " + e.getMessage());
    }
  }

  /** The verified list; one past next_update but within grace is verified as of its last valid instant. */
  private static TrustList read(PkiDirectory pki, Instant now, Duration grace) throws TrustListException {
    try {
      return TrustList.load(pki.trustListPath(), pki.caCertificate(), now);
    } catch (TrustListException e) {
      if (e.problem() != TrustListException.Problem.STALE) {
        throw e;
      }
      Instant next = nextUpdate(pki);
      if (now.isBefore(next.plus(grace))) {
        return TrustList.load(pki.trustListPath(), pki.caCertificate(), next.minusNanos(1));
      }
      throw new TrustListException(TrustListException.Problem.STALE, "trust_list.next_update: " + next
          + " (expected: after now " + now + " less the grace of " + grace + ")", e);
    }
  }

  private static Instant nextUpdate(PkiDirectory pki) throws TrustListException {
    try {
      SignedTrustList signed = SignedTrustList.parseFrom(Files.readAllBytes(pki.trustListPath()));
      var t = healthcode.federation.v1.TrustList.parseFrom(signed.getTrustList()).getNextUpdate();
      return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    } catch (IOException e) {
      throw new TrustListException(TrustListException.Problem.UNREADABLE, pki.trustListPath() + ": " + e.getMessage(), e);
    }
  }
}
