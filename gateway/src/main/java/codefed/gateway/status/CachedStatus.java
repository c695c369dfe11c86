package codefed.gateway.status;

import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.time.Instant;

/**
 * A verified node answer as the cache holds it.
 *
 * @param fetchedAt when the answer arrived (injected clock)
 * @param reflects the issuer's change-stream sequence the answer is known to include: the
 *     assertion's {@code status_sequence}, or, when the node leaves it 0, the last sequence the
 *     gateway had seen on the issuer's stream when it sent the request
 * @param generation the issuer's cache generation at insert; a gap in the change stream starts a
 *     new generation and every older entry of that issuer stops being served
 */
record CachedStatus(
    StatusAssertion assertion,
    SignedAssertion signed,
    Instant fetchedAt,
    long reflects,
    long generation) {}
