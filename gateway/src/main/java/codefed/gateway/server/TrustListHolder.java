package codefed.gateway.server;

import codefed.gateway.status.TrustListSource;
import codefed.pki.PkiDirectory;
import codefed.trust.TrustList;
import codefed.trust.TrustListException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The trust list in use, re-read from the PKI directory on {@link #refresh()} (polled) and at
 * once, at most once per {@link #MIN_RELOAD_INTERVAL}, when a code or answer names a key of a
 * known issuer that the list lacks (a rotation newer than the last poll). A list that fails
 * verification or is older than the one in use is refused and the old one kept. Each version
 * is archived (beside the audit log) before it is used; if that fails it is not used.
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
  private final Archiver archiver;
  private final LongSupplier nanoTime;
  private volatile TrustList current;
  private long lastReloadNanos;

  private TrustListHolder(PkiDirectory pki, Archiver archiver, TrustList first, LongSupplier nanoTime) {
    this.pki = pki;
    this.archiver = archiver;
    this.current = first;
    this.nanoTime = nanoTime;
    this.lastReloadNanos = nanoTime.getAsLong();
  }

  /** Loads the PKI's trust list; refuses to start on an unsigned, badly signed or stale one. */
  static TrustListHolder load(PkiDirectory pki) throws TrustListException {
    return new TrustListHolder(Objects.requireNonNull(pki, "pki"), Archiver.NONE, pki.trustList(),
        System::nanoTime);
  }

  /**
   * As {@link #load(PkiDirectory)}, archiving the first version and every later one.
   *
   * @throws IOException if the first version cannot be archived
   */
  static TrustListHolder load(PkiDirectory pki, Archiver archiver) throws TrustListException, IOException {
    return load(pki, archiver, System::nanoTime);
  }

  /** As above, with the time source that bounds reloads (tests). */
  static TrustListHolder load(PkiDirectory pki, Archiver archiver, LongSupplier nanoTime)
      throws TrustListException, IOException {
    TrustList first = Objects.requireNonNull(pki, "pki").trustList();
    archiver.store(first);
    return new TrustListHolder(pki, archiver, first, nanoTime);
  }

  @Override
  public TrustList get() {
    return current;
  }

  @Override
  public synchronized TrustList reloadForUnknownKey(TrustList seen) {
    long now = nanoTime.getAsLong();
    if (current == seen && now - lastReloadNanos >= MIN_RELOAD_INTERVAL.toNanos()) {
      refresh();
    }
    return current;
  }

  synchronized void refresh() {
    lastReloadNanos = nanoTime.getAsLong();
    try {
      TrustList next = pki.trustList();
      if (next.version() > current.version()) {
        archiver.store(next);
        LOG.info("trust list version " + next.version() + " now in use (was " + current.version() + ")");
        current = next;
      }
    } catch (TrustListException e) {
      LOG.warning("trust list not reloaded, keeping version " + current.version() + ": " + e.getMessage());
    } catch (IOException e) {
      LOG.warning("trust list not archived, keeping version " + current.version() + ": " + e.getMessage());
    }
  }
}
