package codefed.node.issuerkey;

import codefed.pki.PkiDirectory;
import codefed.signing.Signer;
import codefed.threads.DaemonThreads;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The province's current issuer signing key, switched without a restart when the key directory
 * names a new one ({@code codefed certs rotate-issuer-key} rewrites {@code issuer.properties} last,
 * after the trust list that verifies the new key is published).
 *
 * <p>The file is polled (a few hundred bytes per poll), which behaves the same on every file
 * system, including network and container-mounted volumes where WatchService events are unreliable:
 * a rotation is in use within one poll interval. The switch is one atomic reference swap; each
 * signature takes the key once, so a code or assertion carries the key id of the key that signed
 * it. A new key is taken only from its not_before on the node's clock; until then, or if the new
 * key cannot be read, the node keeps signing with the key it has. After a switch the old private
 * key is no longer referenced.
 */
public final class IssuerKeyWatcher implements Supplier<Signer>, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(IssuerKeyWatcher.class.getName());

  private final PkiDirectory pki;
  private final String issuer;
  private final Clock clock;
  private final AtomicReference<Signer> current;
  private ScheduledExecutorService poller;

  /** Loads the issuer's active key now; polling starts with {@link #start}. */
  public IssuerKeyWatcher(PkiDirectory pki, String issuer, Clock clock) {
    this.pki = Objects.requireNonNull(pki, "pki");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.current = new AtomicReference<>(pki.issuerSigner(issuer));
  }

  /** The key to sign with now. */
  @Override
  public Signer get() {
    return current.get();
  }

  /**
   * Looks at the key directory once and switches if it names another key that is valid at the
   * clock's now. Returns whether it switched.
   */
  public synchronized boolean checkNow() {
    Signer signer = current.get();
    try {
      PkiDirectory.ActiveIssuerKey named = pki.activeIssuerKey(issuer);
      if (named.keyId().equals(signer.keyId()) || clock.instant().isBefore(named.notBefore())) {
        return false;
      }
      Signer next = pki.issuerSigner(issuer);
      current.set(next);
      LOG.info(
          "issuer "
              + issuer
              + ": signing with key "
              + next.keyId()
              + " (was "
              + signer.keyId()
              + ")");
      return true;
    } catch (RuntimeException e) {
      LOG.warning(
          "issuer "
              + issuer
              + ": key directory not usable, still signing with "
              + signer.keyId()
              + ": "
              + e.getMessage());
      return false;
    }
  }

  /** Polls every {@code interval} on a daemon thread until {@link #close}. */
  public synchronized void start(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("issuerKeyPoll: " + interval + " (expected: > 0)");
    }
    if (poller != null) {
      return;
    }
    poller =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("issuer-key-" + issuer));
    long every = interval.toMillis();
    poller.scheduleWithFixedDelay(this::checkNow, every, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
  }
}
