package codefed.trust;

import codefed.signing.SignatureVerifier;
import codefed.time.ProtoTime;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.KeyStatus;
import healthcode.federation.v1.SignatureAlgorithm;
import healthcode.trust.v1.TrustedIssuer;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a trust list's content against the schema's rules and builds a verifier per key. Shared by
 * loading (a refusal is {@link TrustListException.Problem#MALFORMED}) and building.
 */
final class TrustListContent {
  private TrustListContent() {}

  /** Keys by key id, in list order; every key id is unique across the whole list. */
  static Map<String, TrustedKey> validate(healthcode.trust.v1.TrustList list)
      throws TrustListException {
    if (list.getTrustDomain().isEmpty()) {
      throw malformed("trust_list.trust_domain: missing");
    }
    if (list.getVersion() <= 0) {
      throw malformed("trust_list.version: " + list.getVersion() + " (expected: > 0)");
    }
    Instant issuedAt = instant(list.hasIssuedAt(), list.getIssuedAt(), "trust_list.issued_at");
    Instant nextUpdate =
        instant(list.hasNextUpdate(), list.getNextUpdate(), "trust_list.next_update");
    if (!nextUpdate.isAfter(issuedAt)) {
      throw malformed(
          "trust_list.next_update: " + nextUpdate + " (expected: > issued_at " + issuedAt + ")");
    }
    Map<String, TrustedKey> keys = new LinkedHashMap<>();
    Map<String, Boolean> issuers = new LinkedHashMap<>();
    for (int i = 0; i < list.getIssuersCount(); i++) {
      TrustedIssuer issuer = list.getIssuers(i);
      String where = "trust_list.issuers[" + i + "]";
      if (issuer.getIssuer().isEmpty()) {
        throw malformed(where + ".issuer: missing");
      }
      if (issuers.put(issuer.getIssuer(), Boolean.TRUE) != null) {
        throw malformed(where + ".issuer: " + issuer.getIssuer() + " (expected: listed once)");
      }
      for (int k = 0; k < issuer.getKeysCount(); k++) {
        TrustedKey key = key(issuer.getIssuer(), issuer.getKeys(k), where + ".keys[" + k + "]");
        if (keys.put(key.key().getKeyId(), key) != null) {
          throw malformed(
              where
                  + ".keys["
                  + k
                  + "].key_id: "
                  + key.key().getKeyId()
                  + " (expected: unique in the list)");
        }
      }
    }
    return Collections.unmodifiableMap(keys);
  }

  private static TrustedKey key(String issuer, IssuerKey key, String where)
      throws TrustListException {
    if (key.getKeyId().isEmpty()) {
      throw malformed(where + ".key_id: missing");
    }
    SignatureAlgorithm algorithm = key.getAlgorithm();
    if (algorithm == SignatureAlgorithm.SIGNATURE_ALGORITHM_UNSPECIFIED
        || algorithm == SignatureAlgorithm.UNRECOGNIZED) {
      throw malformed(where + ".algorithm: " + algorithm + " (expected: a signature algorithm)");
    }
    if (key.getStatus() == KeyStatus.KEY_STATUS_UNSPECIFIED
        || key.getStatus() == KeyStatus.UNRECOGNIZED) {
      throw malformed(
          where + ".status: " + key.getStatus() + " (expected: ACTIVE, RETIRED or REVOKED)");
    }
    Instant notBefore = instant(key.hasNotBefore(), key.getNotBefore(), where + ".not_before");
    Instant notAfter = instant(key.hasNotAfter(), key.getNotAfter(), where + ".not_after");
    if (!notAfter.isAfter(notBefore)) {
      throw malformed(
          where + ".not_after: " + notAfter + " (expected: > not_before " + notBefore + ")");
    }
    Optional<Instant> retiredAt =
        key.hasRetiredAt()
            ? Optional.of(instant(true, key.getRetiredAt(), where + ".retired_at"))
            : Optional.empty();
    Optional<Instant> compromisedSince =
        key.hasCompromisedSince()
            ? Optional.of(instant(true, key.getCompromisedSince(), where + ".compromised_since"))
            : Optional.empty();
    if (key.getStatus() == KeyStatus.KEY_STATUS_RETIRED && retiredAt.isEmpty()) {
      throw malformed(where + ".retired_at: missing (expected: set on a RETIRED key)");
    }
    if (key.getStatus() == KeyStatus.KEY_STATUS_ACTIVE && retiredAt.isPresent()) {
      throw malformed(
          where + ".retired_at: " + retiredAt.get() + " (expected: unset on an ACTIVE key)");
    }
    if (key.getStatus() != KeyStatus.KEY_STATUS_REVOKED && compromisedSince.isPresent()) {
      throw malformed(
          where
              + ".compromised_since: "
              + compromisedSince.get()
              + " (expected: set only on a REVOKED key)");
    }
    SignatureVerifier verifier;
    try {
      verifier = SignatureVerifier.of(algorithm, key.getPublicKey().toByteArray());
    } catch (IllegalArgumentException e) {
      throw new TrustListException(
          TrustListException.Problem.MALFORMED, where + "." + e.getMessage(), e);
    }
    return new TrustedKey(issuer, key, verifier, notBefore, notAfter, retiredAt, compromisedSince);
  }

  static Instant instant(boolean present, Timestamp timestamp, String field)
      throws TrustListException {
    if (!present) {
      throw malformed(field + ": missing");
    }
    try {
      return toInstant(timestamp);
    } catch (DateTimeException | ArithmeticException e) {
      throw new TrustListException(
          TrustListException.Problem.MALFORMED,
          field + ": " + timestamp.getSeconds() + "s (expected: a representable instant)",
          e);
    }
  }

  static Instant toInstant(Timestamp timestamp) {
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }

  static Timestamp toTimestamp(Instant instant) {
    return ProtoTime.timestamp(instant);
  }

  private static TrustListException malformed(String message) {
    return new TrustListException(TrustListException.Problem.MALFORMED, message);
  }
}
