package codefed.gateway.status;

import java.util.Locale;

/** Why a node's answer was refused; the label is what {@link StatusListener} receives. */
enum SecurityEvent {
  /** The TLS peer is not {@code node/<issuer>}. */
  TLS_IDENTITY,
  /** The assertion is not signed by a valid key of the issuer. */
  ASSERTION_SIGNATURE,
  /**
   * The signed assertion names another issuer (defence in depth: the trust list already refuses an
   * assertion whose issuer does not own the signing key, as {@link #ASSERTION_SIGNATURE}).
   */
  ASSERTION_ISSUER,
  /** The signed assertion is about another code. */
  ASSERTION_CODE_ID,
  /** The signed assertion does not echo this request's nonce (replayed or for another request). */
  ASSERTION_NONCE,
  /** The answer holds no parsable signed assertion. */
  MALFORMED_ANSWER;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
