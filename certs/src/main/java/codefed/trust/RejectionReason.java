package codefed.trust;

/** Why a signed code or status assertion was not accepted. */
public enum RejectionReason {
  /** Missing fields, or signed bytes that do not parse. */
  MALFORMED,
  /** The issuer is not in the trust list. */
  UNKNOWN_ISSUER,
  /** No key with this id, or the key belongs to another issuer. */
  UNKNOWN_KEY,
  /**
   * The key is outside its validity window at the given instant, revoked with no compromise
   * instant, or retired before the signature was made.
   */
  KEY_NOT_VALID,
  /** The key is revoked and the signature was made at or after its compromise instant. */
  KEY_COMPROMISED,
  /** The signature does not verify. */
  BAD_SIGNATURE
}
