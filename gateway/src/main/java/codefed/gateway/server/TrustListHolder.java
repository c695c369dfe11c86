package codefed.gateway.server;

import codefed.gateway.status.TrustListSource;
import codefed.pki.PkiDirectory;
import codefed.trust.TrustList;
import codefed.trust.TrustListException;
import healthcode.trust.v1.SignedTrustList;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The trust list in use, re-read from the PKI directory on {@link #refresh()} (polled) and at once,
 * at most once per {@link #MIN_RELOAD_INTERVAL}, when a code or answer names a key of a known
 * issuer that the list lacks (a rotation newer than the last poll). A list that fails verification
 * or is older than the one in use is refused and the old one kept. Each version is archived (beside
 * the audit log) before it is used; if that fails it is not used.
 *
 * <p>Expiry is judged the same way at start and at runtime: a list past its next_update is still
 * used for {@code grace} (the operator is warned), and past that it is refused — the gateway does
 * not start on it, and a running gateway gives no decision with it ({@link
 * TrustListExpiredException}) until a refreshed list is published.
 */
final class TrustListHolder implements TrustListSource {
  private static final Logger LOG = Logger.getLogger(TrustListHolder.class.getName());

  /** Bounds the file reads that codes naming unknown keys can cause. */
  static final Duration MIN_RELOAD_INTERVAL = Duration.ofSeconds(1);

  /** Keeps a copy of each version before it is used. */
  @FunctionalInterface
  interface Archiver {
    Archiver NONE = list -> {};

    void store(TrustList list) throws IOException;
  }

  private final PkiDirectory pki;
  private final Clock clock;
  private final Duration grace;
  private final Archiver archiver;
  private final LongSupplier nanoTime;
  private volatile TrustList current;
  private long lastReloadNanos;
  private Object
      readFile; // identity of the file last read (inode, time, size): a rewrite is seen at once

  private TrustListHolder(
      PkiDirectory pki,
      Clock clock,
      Duration grace,
      Archiver archiver,
      TrustList first,
      LongSupplier nanoTime) {
    this.pki = pki;
    this.clock = clock;
    this.grace = grace;
    this.archiver = archiver;
    this.current = first;
    this.nanoTime = nanoTime;
    this.lastReloadNanos = nanoTime.getAsLong();
    this.readFile = fileIdentity();
  }

  /**
   * Loads the PKI's trust list and archives it; refuses an unsigned or badly signed one, and one
   * expired longer than {@code grace} ago by {@code clock} (the wall clock, not a drill clock).
   *
   * @throws IOException if the first version cannot be archived
   */
  static TrustListHolder load(
      PkiDirectory pki, Clock clock, Duration grace, Archiver archiver, LongSupplier nanoTime)
      throws TrustListException, IOException {
    Objects.requireNonNull(pki, "pki");
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace: " + grace + " (expected: >= 0)");
    }
    TrustList first = read(pki, clock.instant(), grace);
    archiver.store(first);
    return new TrustListHolder(pki, clock, grace, archiver, first, nanoTime);
  }

  /** As above, not archived, reloads bounded by the system's nano time. */
  static TrustListHolder load(PkiDirectory pki, Clock clock, Duration grace)
      throws TrustListException {
    try {
      return load(pki, clock, grace, Archiver.NONE, System::nanoTime);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e); // Archiver.NONE does not write
    }
  }

  /** Wall clock, no grace beyond next_update: for tests of the archive and reloads. */
  static TrustListHolder load(PkiDirectory pki, Archiver archiver, LongSupplier nanoTime)
      throws TrustListException, IOException {
    return load(pki, Clock.systemUTC(), Duration.ZERO, archiver, nanoTime);
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

  /**
   * The list again, re-read if the file was rewritten since it was last read (one stat per call: a
   * published rotation is taken at once) or, failing that, at most once per {@link
   * #MIN_RELOAD_INTERVAL} (what codes naming made-up key ids can cost).
   */
  @Override
  public synchronized TrustList reloadForUnknownKey(TrustList seen) {
    long now = nanoTime.getAsLong();
    if (current == seen
        && (fileChanged() || now - lastReloadNanos >= MIN_RELOAD_INTERVAL.toNanos())) {
      refresh();
    }
    return current;
  }

  private boolean fileChanged() {
    Object now = fileIdentity();
    return now != null && !now.equals(readFile);
  }

  private Object fileIdentity() {
    try {
      java.nio.file.attribute.BasicFileAttributes a =
          Files.readAttributes(
              pki.trustListPath(), java.nio.file.attribute.BasicFileAttributes.class);
      return java.util.List.of(String.valueOf(a.fileKey()), a.lastModifiedTime(), a.size());
    } catch (IOException e) {
      return null;
    }
  }

  synchronized void refresh() {
    lastReloadNanos = nanoTime.getAsLong();
    readFile = fileIdentity();
    try {
      TrustList next = read(pki, clock.instant(), grace);
      if (next.version() > current.version()) {
        archiver.store(next);
        LOG.info(
            "trust list version " + next.version() + " now in use (was " + current.version() + ")");
        current = next;
      }
    } catch (TrustListException e) {
      LOG.warning(
          "trust list not reloaded, keeping version " + current.version() + ": " + e.getMessage());
    } catch (IOException e) {
      LOG.warning(
          "trust list not archived, keeping version " + current.version() + ": " + e.getMessage());
    }
  }

  /**
   * The verified list; one past next_update but within grace is verified as of its last valid
   * instant.
   */
  private static TrustList read(PkiDirectory pki, Instant now, Duration grace)
      throws TrustListException {
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
      throw new TrustListException(
          TrustListException.Problem.STALE,
          "trust_list.next_update: "
              + next
              + " (expected: after now "
              + now
              + " less the grace of "
              + grace
              + ")",
          e);
    }
  }

  private static Instant nextUpdate(PkiDirectory pki) throws TrustListException {
    try {
      SignedTrustList signed = SignedTrustList.parseFrom(Files.readAllBytes(pki.trustListPath()));
      var t = healthcode.trust.v1.TrustList.parseFrom(signed.getTrustList()).getNextUpdate();
      return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    } catch (IOException e) {
      throw new TrustListException(
          TrustListException.Problem.UNREADABLE, pki.trustListPath() + ": " + e.getMessage(), e);
    }
  }
}
