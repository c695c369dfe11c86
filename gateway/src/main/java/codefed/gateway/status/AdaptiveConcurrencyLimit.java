package codefed.gateway.status;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;

/**
 * An issuer's in-flight limit learnt from its node's round trips by Netflix concurrency-limits'
 * {@link Gradient2Limit}. It starts at the max. While a call's round trip stays within 1.5 times
 * the long-term average (exponential, over about 600 calls) the limit grows by a fifth of its
 * square root per call, up to the max; when the node slows down beyond that, it shrinks in
 * proportion, by up to a tenth per call, down to the min. Calls that started with fewer than half
 * the limit in flight leave it unchanged, so a quiet issuer keeps its limit.
 *
 * <p>Why Gradient2 and not Vegas: it has a floor, it compares with an average rather than the
 * smallest round trip ever seen (on a shared machine a lucky fast call would make every later one
 * look queued), and it has no random probing, so the same samples give the same limit. It does not
 * read the drop flag; a timed-out call still lowers the limit through its long round trip.
 */
final class AdaptiveConcurrencyLimit implements ConcurrencyLimit {
  private final Limit algorithm;

  AdaptiveConcurrencyLimit(AdaptiveLimitSettings settings) {
    this.algorithm =
        Gradient2Limit.newBuilder()
            .initialLimit(settings.max())
            .minLimit(settings.min())
            .maxConcurrency(settings.max())
            // Headroom that scales with the limit (the library's fixed default of 4 would keep a
            // limit of 32 from ever going below 8).
            .queueSizeFunction(limit -> Math.max(1, (int) Math.sqrt(limit)))
            .build();
  }

  @Override
  public int current() {
    return algorithm.getLimit();
  }

  @Override
  public void onSample(long startNanos, long rttNanos, int inFlightAtStart, boolean dropped) {
    // The algorithm divides by the round trip; a clock that did not move says nothing about it.
    if (rttNanos > 0) {
      algorithm.onSample(startNanos, rttNanos, inFlightAtStart, dropped);
    }
  }
}
