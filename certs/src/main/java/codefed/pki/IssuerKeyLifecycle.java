package codefed.pki;

import healthcode.federation.v1.KeyStatus;
import healthcode.federation.v1.SignatureAlgorithm;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Rotates and revokes issuer code-signing keys in the federation authority's PKI directory ({@code
 * codefed certs rotate-issuer-key | revoke-issuer-key}), keeping every key's history so that
 * outstanding codes keep verifying, and publishing a new trust list version each time.
 *
 * <p>Rotation writes, in this order: the new key, the old key's RETIRED record, the trust list
 * naming both, and last {@code issuer.properties} naming the new key. A node watching that file
 * therefore switches only once the list that verifies its new signatures is published.
 */
public final class IssuerKeyLifecycle {
  /**
   * Default time between the rotation and the old key's {@code retired_at}: a node detects the new
   * key within seconds, and what it signs with the old key meanwhile must still verify.
   */
  public static final Duration DEFAULT_SWITCH_OVER = Duration.ofMinutes(1);

  /** A new key is valid from an hour before its creation, for clock skew between parties. */
  static final Duration NOT_BEFORE_SKEW = Duration.ofHours(1);

  private final Clock clock;

  public IssuerKeyLifecycle(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What a rotation did. */
  public record Rotation(
      String issuer,
      String retiredKeyId,
      Instant retiredAt,
      Instant retiredUntil,
      String newKeyId,
      SignatureAlgorithm algorithm,
      Instant newNotAfter,
      long trustListVersion) {}

  /** What a revocation did. */
  public record Revocation(
      String issuer,
      String keyId,
      KeyStatus previousStatus,
      Instant compromisedSince,
      long trustListVersion) {}

  /**
   * Makes a new ACTIVE key for {@code issuer} (of {@code algorithm}, or the current key's), marks
   * the current ACTIVE key RETIRED at now + {@code switchOver}, and publishes the trust list.
   */
  public Rotation rotate(
      Path dir, String issuer, Optional<SignatureAlgorithm> algorithm, Duration switchOver) {
    if (switchOver.isNegative()) {
      throw new IllegalArgumentException("switch-over: " + switchOver + " (expected: >= 0)");
    }
    PkiDirectory pki = PkiDirectory.open(dir);
    PkiLayout layout = pki.layout();
    CertificateAuthority ca = PkiInitializer.loadCa(layout);
    IssuerKeyRecord current = activeRecord(layout, issuer);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    IssuerKeyRecord next =
        IssuerKeys.generate(
            layout,
            issuer,
            algorithm.orElse(current.algorithm()),
            now.minus(NOT_BEFORE_SKEW),
            false);
    IssuerKeyRecord retired = current.retire(now.plus(switchOver));
    Path issuerDir = layout.issuerDir(issuer);
    next.write(issuerDir);
    retired.write(issuerDir);
    long version = TrustLists.publish(layout, ca, now);
    IssuerKeys.writeActive(layout, next);
    return new Rotation(
        issuer,
        current.keyId(),
        retired.retiredAt().orElseThrow(),
        retired.notAfter(),
        next.keyId(),
        next.algorithm(),
        next.notAfter(),
        version);
  }

  /**
   * Marks {@code keyId} REVOKED, compromised since {@code compromisedSince} (signatures made from
   * then on are refused), and publishes the trust list. The issuer's ACTIVE key cannot be revoked:
   * rotate first, so the node has a key to sign with.
   */
  public Revocation revoke(Path dir, String keyId, Instant compromisedSince) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    if (compromisedSince.isAfter(now)) {
      throw new IllegalArgumentException(
          "--compromised-since: " + compromisedSince + " (expected: not after now, " + now + ")");
    }
    PkiDirectory pki = PkiDirectory.open(dir);
    PkiLayout layout = pki.layout();
    int dash = keyId.indexOf('-');
    String issuer = dash > 0 ? keyId.substring(0, dash) : keyId;
    IssuerKeyRecord key =
        IssuerKeys.history(layout, issuer).stream()
            .filter(r -> r.keyId().equals(keyId))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "KEY_ID: "
                            + keyId
                            + " is not an issuer key in "
                            + layout.root()
                            + " (see codefed certs show --dir "
                            + layout.root()
                            + ")"));
    if (key.status() == KeyStatus.KEY_STATUS_ACTIVE) {
      throw new IllegalStateException(
          "key "
              + keyId
              + " is the ACTIVE key of "
              + issuer
              + ": rotate first (codefed certs rotate-issuer-key --dir "
              + layout.root()
              + " --issuer "
              + issuer
              + "), then revoke it");
    }
    CertificateAuthority ca = PkiInitializer.loadCa(layout);
    IssuerKeyRecord revoked = key.revoke(compromisedSince);
    revoked.write(layout.issuerDir(issuer));
    long version = TrustLists.publish(layout, ca, now);
    return new Revocation(
        issuer, keyId, key.status(), revoked.compromisedSince().orElseThrow(), version);
  }

  private static IssuerKeyRecord activeRecord(PkiLayout layout, String issuer) {
    List<IssuerKeyRecord> active =
        IssuerKeys.history(layout, issuer).stream()
            .filter(r -> r.status() == KeyStatus.KEY_STATUS_ACTIVE)
            .toList();
    if (active.size() != 1) {
      throw new IllegalStateException(
          "issuer "
              + issuer
              + " in "
              + layout.root()
              + " has "
              + active.size()
              + " ACTIVE keys (expected: 1; add the issuer with codefed certs init --provinces ...)");
    }
    return active.get(0);
  }
}
