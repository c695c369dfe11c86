package codefed.gateway.audit;

import codefed.trust.CodeRejectedException;
import codefed.trust.TrustList;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.KeyStatus;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.io.IOException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an auditor trusts for one log: node answers are checked with the trust list version in force
 * when each record was written (the newest archived version issued at or before the record, see
 * {@link TrustListArchive}), so rotations and retirements after the record change nothing.
 * Revocations do: if any list known now (archived, or the PKI's current one) marks the signing key
 * REVOKED with a compromise instant at or before the answer's asserted_at, the record relied on a
 * leaked key and fails. Records older than every archived version (or logs without an archive) are
 * checked with the PKI's current list, as before archives existed. Checkpoint keys come from the
 * PKI.
 */
public final class ArchivedTrustKeys implements VerificationKeys {
  private final PkiVerificationKeys pki;
  private final List<TrustList> archived;
  private final List<TrustList> everyList;

  /** Node answers already verified in this run: a cached answer recurs in many records. */
  private final codefed.signing.VerifiedSignatures verifiedSignatures =
      new codefed.signing.VerifiedSignatures(codefed.signing.VerifiedSignatures.DEFAULT_CAPACITY);

  private ArchivedTrustKeys(PkiVerificationKeys pki, List<TrustList> archived) {
    this.pki = pki;
    this.archived = List.copyOf(archived);
    List<TrustList> all = new ArrayList<>(archived);
    all.add(pki.trustList());
    this.everyList = List.copyOf(all);
  }

  /**
   * The keys for the log at {@code logDir}.
   *
   * @throws IOException if an archived list is unreadable or not signed by the PKI's CA
   */
  public static ArchivedTrustKeys forLog(Path logDir, PkiVerificationKeys pki) throws IOException {
    return new ArchivedTrustKeys(pki, TrustListArchive.load(logDir, pki.caCertificate()));
  }

  /** How many archived trust list versions the log holds. */
  public int archivedVersions() {
    return archived.size();
  }

  /**
   * The audit-signing certificate a checkpoint carries is validated by the PKI, as without an
   * archive.
   */
  @Override
  public PublicKey checkpointKey(
      healthcode.federation.v1.SignedCheckpoint signed, healthcode.federation.v1.Checkpoint cp)
      throws VerificationFailure {
    return pki.checkpointKey(signed, cp);
  }

  @Override
  public PublicKey checkpointKey(String gateway) throws VerificationFailure {
    return pki.checkpointKey(gateway);
  }

  @Override
  public StatusAssertion checkAssertion(SignedAssertion assertion, String issuer, Instant at)
      throws VerificationFailure {
    TrustList inForce = inForceAt(at);
    StatusAssertion verified;
    try {
      verified = inForce.verifyAssertion(assertion, issuer, at, verifiedSignatures);
    } catch (CodeRejectedException e) {
      throw new VerificationFailure(
          e.reason() + " (trust list v" + inForce.version() + "): " + e.getMessage(), e);
    }
    Instant assertedAt =
        Instant.ofEpochSecond(
            verified.getAssertedAt().getSeconds(), verified.getAssertedAt().getNanos());
    for (TrustList list : everyList) {
      IssuerKey key = list.key(issuer, assertion.getKeyId()).orElse(null);
      if (key != null && key.getStatus() == KeyStatus.KEY_STATUS_REVOKED) {
        Instant since =
            key.hasCompromisedSince()
                ? Instant.ofEpochSecond(
                    key.getCompromisedSince().getSeconds(), key.getCompromisedSince().getNanos())
                : Instant.MIN;
        if (!assertedAt.isBefore(since)) {
          throw new VerificationFailure(
              "KEY_COMPROMISED (trust list v"
                  + list.version()
                  + "): key "
                  + key.getKeyId()
                  + " revoked, compromised since "
                  + (key.hasCompromisedSince() ? since : "always")
                  + " (asserted at "
                  + assertedAt
                  + ")");
        }
      }
    }
    return verified;
  }

  private TrustList inForceAt(Instant at) {
    TrustList found = null;
    for (TrustList list : archived) {
      if (!list.issuedAt().isAfter(at)) {
        found = list;
      }
    }
    return found != null ? found : pki.trustList();
  }
}
