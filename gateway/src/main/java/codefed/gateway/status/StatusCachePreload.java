package codefed.gateway.status;

import com.google.protobuf.ByteString;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * A stand-alone status cache to preload with answers and read back as the scan path reads it, so
 * its memory per entry and the cost of a hit can be measured without nodes or a gateway.
 *
 * <p>It is the gateway's own cache (same entries, same eviction, same freshness rules), reached
 * through the two operations a measurement needs: insert an answer the way a verified fetch inserts
 * it, and look one up the way a scan does. It verifies nothing: it is meant for answers made up for
 * a measurement, never for answers on their way to a checkpoint.
 */
public final class StatusCachePreload {
  private final StatusCache cache;
  private final Duration maxAge;

  private StatusCachePreload(StatusCache cache, Duration maxAge) {
    this.cache = cache;
    this.maxAge = maxAge;
  }

  /**
   * A cache holding at most {@code maxEntries} answers for {@code retention}, whose lookups accept
   * answers younger than {@code maxAge} by {@code clock}.
   */
  public static StatusCachePreload create(
      int maxEntries, Duration retention, Duration maxAge, Clock clock) {
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: > 0)");
    }
    return new StatusCachePreload(new StatusCache(maxEntries, retention, clock), maxAge);
  }

  /**
   * Inserts {@code signed} as a fetch completing with it would.
   *
   * @param assertion {@code signed}'s assertion as parsed from its bytes
   */
  public void put(StatusAssertion assertion, SignedAssertion signed) {
    StatusKey key = StatusKey.of(assertion.getIssuer(), assertion.getCodeId());
    cache.complete(cache.begin(key), assertion, signed);
  }

  /** The fresh answer for the code, parsed from the cached bytes as on a hit; empty on a miss. */
  public Optional<StatusAssertion> fresh(String issuer, ByteString codeId) {
    return cache.fresh(StatusKey.of(issuer, codeId), maxAge).map(hit -> hit.found().assertion());
  }

  /** Answers held. */
  public long size() {
    return cache.size();
  }
}
