package codefed.gateway.status;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;

/**
 * A verified node answer as the cache holds it: the signed answer as bytes, and what the cache
 * decides with as primitives.
 *
 * <p>Why bytes: the cache must hold a million answers in 512 MiB. Parsed, an answer costs about 1
 * KB of heap (two messages and their ByteStrings, Strings and Timestamps); serialized, about 220
 * bytes. A hit parses it again, which costs far less than it saves.
 *
 * <p>Why these are the bytes that were verified: {@code SignedAssertion}'s {@code assertion},
 * {@code key_id} and {@code signature} are bytes and strings, which protobuf serializes verbatim,
 * as it does unknown fields kept from the wire; its batch proof is integers and hashes, serialized
 * to the same values. So {@code toByteArray()} once at insert and {@code parseFrom} on a hit give
 * back a message equal to the one received, whose {@code assertion} field holds exactly the bytes
 * the signature (or the batch root's inclusion proof) covers, and the audit record of a hit keeps
 * the same content as the record of the fetch.
 */
final class CachedStatus {
  /** {@link #validUntil()} of an answer without {@code valid_until}. */
  static final long NO_VALID_UNTIL = Long.MAX_VALUE;

  private final byte[] signed;
  private final long fetchedAt;
  private final long validUntil;
  private final long reflects;
  private final long generation;

  private CachedStatus(
      byte[] signed, long fetchedAt, long validUntil, long reflects, long generation) {
    this.signed = signed;
    this.fetchedAt = fetchedAt;
    this.validUntil = validUntil;
    this.reflects = reflects;
    this.generation = generation;
  }

  /**
   * @param assertion {@code signed}'s assertion as the verifier parsed it; only its validity is
   *     kept
   * @param fetchedAt when the answer arrived, epoch nanoseconds of the injected clock
   * @param reflects the issuer's change-stream sequence the answer is known to include: the
   *     assertion's {@code status_sequence}, or, when the node leaves it 0, the last sequence the
   *     gateway had seen on the issuer's stream when it sent the request
   * @param generation the issuer's cache generation at insert; a gap in the change stream starts a
   *     new generation and every older entry of that issuer stops being served
   */
  static CachedStatus of(
      StatusAssertion assertion,
      SignedAssertion signed,
      long fetchedAt,
      long reflects,
      long generation) {
    long validUntil =
        assertion.hasValidUntil() ? epochNanos(assertion.getValidUntil()) : NO_VALID_UNTIL;
    return new CachedStatus(signed.toByteArray(), fetchedAt, validUntil, reflects, generation);
  }

  /** When the answer arrived: epoch nanoseconds of the injected clock. */
  long fetchedAt() {
    return fetchedAt;
  }

  /**
   * The assertion's {@code valid_until} in epoch nanoseconds, or {@link #NO_VALID_UNTIL}; a bound
   * beyond 2262 counts as none, one before 1677 as long past.
   */
  long validUntil() {
    return validUntil;
  }

  long reflects() {
    return reflects;
  }

  long generation() {
    return generation;
  }

  /** The answer as a cache hit: equal to what was inserted. */
  StatusLookup.Found found() {
    try {
      SignedAssertion parsedSigned = SignedAssertion.parseFrom(signed);
      StatusAssertion assertion = StatusAssertion.parseFrom(parsedSigned.getAssertion());
      return new StatusLookup.Found(assertion, parsedSigned, true);
    } catch (InvalidProtocolBufferException e) {
      // Cannot happen: the bytes are a serialized message whose assertion was parsed at insert.
      throw new IllegalStateException("cached answer does not parse", e);
    }
  }

  /** Epoch nanoseconds, saturated outside 1677..2262. */
  static long epochNanos(long seconds, long nanos) {
    try {
      return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
    } catch (ArithmeticException e) {
      return seconds < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static long epochNanos(Timestamp t) {
    return epochNanos(t.getSeconds(), t.getNanos());
  }
}
