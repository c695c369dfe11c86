package codefed.gateway.server;

import codefed.pki.PkiDirectory;
import codefed.trust.TrustList;
import codefed.trust.TrustListException;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The trust list in use, re-read from the PKI directory on {@link #refresh()}; a list that
 * fails verification or is older than the one in use is refused and the old one kept.
 */
final class TrustListHolder implements Supplier<TrustList> {
  private static final Logger LOG = Logger.getLogger(TrustListHolder.class.getName());

  private final PkiDirectory pki;
  private volatile TrustList current;

  private TrustListHolder(PkiDirectory pki, TrustList first) {
    this.pki = pki;
    this.current = first;
  }

  /** Loads the PKI's trust list; refuses to start on an unsigned, badly signed or stale one. */
  static TrustListHolder load(PkiDirectory pki) throws TrustListException {
    return new TrustListHolder(Objects.requireNonNull(pki, "pki"), pki.trustList());
  }

  @Override
  public TrustList get() {
    return current;
  }

  void refresh() {
    try {
      TrustList next = pki.trustList();
      if (next.version() > current.version()) {
        LOG.info("trust list version " + next.version() + " now in use (was " + current.version() + ")");
        current = next;
      }
    } catch (TrustListException e) {
      LOG.warning("trust list not reloaded, keeping version " + current.version() + ": " + e.getMessage());
    }
  }
}
