package codefed.tls;

import codefed.pki.PemFiles;
import codefed.pki.PkiDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * The federation CRL, parsed once and shared by the TLS handshake and the per-call revocation
 * check. The file is looked at again when it changes: on every handshake, and for calls on
 * connections already open at most every {@code recheck} — the bound within which a revoked
 * identity is refused on an open connection. A CRL past its next_update is still used for {@code
 * grace} (with warnings), then revocation status counts as unknown and is refused.
 */
public final class CrlCache {
  private static final Logger LOG = Logger.getLogger(CrlCache.class.getName());

  /** Calls on open connections see a rewritten CRL at most this late. */
  public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(10);

  /** How long a CRL past its next_update is still relied on. */
  public static final Duration DEFAULT_GRACE = Duration.ofDays(7);

  private final X509Certificate ca;
  private final Path file;
  private final Clock clock;
  private final Duration recheck;
  private final Duration grace;
  private volatile Loaded loaded;

  private record Loaded(X509CRL crl, FileTime modified, long size, Instant checkedAt) {}

  /** Where the CRL stands against its next_update at an instant. */
  public enum Freshness {
    CURRENT,
    IN_GRACE,
    EXPIRED
  }

  private CrlCache(X509Certificate ca, Path file, Clock clock, Duration recheck, Duration grace) {
    this.ca = ca;
    this.file = file;
    this.clock = Objects.requireNonNull(clock, "clock");
    if (recheck.isNegative()) {
      throw new IllegalArgumentException("recheck: " + recheck + " (expected: >= 0)");
    }
    if (grace.isNegative()) {
      throw new IllegalArgumentException("grace: " + grace + " (expected: >= 0)");
    }
    this.recheck = recheck;
    this.grace = grace;
    this.loaded = read(null);
  }

  /**
   * Reads the PKI's CRL now.
   *
   * @throws IllegalStateException the CRL is unreadable or not signed by the CA
   */
  public static CrlCache open(PkiDirectory pki, Clock clock, Duration recheck, Duration grace) {
    return new CrlCache(pki.caCertificate(), pki.crl(), clock, recheck, grace);
  }

  /** With the system clock and the default bound and grace. */
  public static CrlCache open(PkiDirectory pki) {
    return open(pki, Clock.systemUTC(), DEFAULT_RECHECK, DEFAULT_GRACE);
  }

  /** The re-check interval: how late calls on open connections may see a new CRL. */
  public Duration recheck() {
    return recheck;
  }

  /** How long a CRL past its next_update is still relied on. */
  public Duration grace() {
    return grace;
  }

  /** Whether {@code cert} is on the CRL; a file changed since {@code recheck} is read first. */
  public boolean isRevoked(X509Certificate cert) {
    return current(false).isRevoked(cert);
  }

  /** As {@link #isRevoked}, looking at the file first whatever the interval (handshakes). */
  boolean isRevokedNow(X509Certificate cert) {
    return current(true).isRevoked(cert);
  }

  /** The next_update of the current CRL (a file changed since {@code recheck} is read first). */
  public Instant nextUpdate() {
    return current(false).getNextUpdate().toInstant();
  }

  public Freshness freshness() {
    Instant now = clock.instant();
    Instant next = nextUpdate();
    if (now.isBefore(next)) {
      return Freshness.CURRENT;
    }
    return now.isBefore(next.plus(grace)) ? Freshness.IN_GRACE : Freshness.EXPIRED;
  }

  /** Seconds until next_update (negative once past it). */
  public long secondsToExpiry() {
    return Duration.between(clock.instant(), nextUpdate()).toSeconds();
  }

  private X509CRL current(boolean force) {
    Loaded l = loaded;
    Instant now = clock.instant();
    if (force || !now.isBefore(l.checkedAt().plus(recheck))) {
      synchronized (this) {
        l = loaded;
        if (force || !now.isBefore(l.checkedAt().plus(recheck))) {
          l = loaded = read(l);
        }
      }
    }
    return l.crl();
  }

  /** Reads the file if it changed; on failure keeps {@code previous} (none at start: throws). */
  private Loaded read(Loaded previous) {
    Instant now = clock.instant();
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      long size = Files.size(file);
      if (previous != null && modified.equals(previous.modified()) && size == previous.size()) {
        return new Loaded(previous.crl(), modified, size, now);
      }
      X509CRL crl = PemFiles.readCrl(file);
      crl.verify(ca.getPublicKey());
      if (previous != null) {
        LOG.info(
            "CRL "
                + file
                + " re-read: "
                + count(crl)
                + " revoked, next update "
                + crl.getNextUpdate().toInstant());
      }
      return new Loaded(crl, modified, size, now);
    } catch (IOException | RuntimeException | GeneralSecurityException e) {
      if (previous == null) {
        throw new IllegalStateException("CRL " + file + " unusable: " + e.getMessage(), e);
      }
      LOG.warning("CRL " + file + " unusable, keeping the one read before: " + e.getMessage());
      return new Loaded(previous.crl(), previous.modified(), previous.size(), now);
    }
  }

  private static int count(X509CRL crl) {
    return crl.getRevokedCertificates() == null ? 0 : crl.getRevokedCertificates().size();
  }
}
