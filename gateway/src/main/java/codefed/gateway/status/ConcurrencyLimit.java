package codefed.gateway.status;

/**
 * How many node calls one issuer may have in flight now: a fixed number, or one an algorithm learns
 * from the calls' round trips ({@link AdaptiveConcurrencyLimit}). {@link InFlightLimit} reads it on
 * every grant and feeds it every call that ends.
 */
interface ConcurrencyLimit {

  /** The limit now; at least 1. */
  int current();

  /**
   * One node call ended. Times are monotonic nanos from the status source's ticker.
   *
   * @param startNanos when the call got its slot
   * @param rttNanos how long it took
   * @param inFlightAtStart calls in flight, this one included, when it started
   * @param dropped the node did not answer in time or said it could not ({@code UNAVAILABLE},
   *     {@code DEADLINE_EXCEEDED}, {@code RESOURCE_EXHAUSTED}): the library's "drop"
   */
  void onSample(long startNanos, long rttNanos, int inFlightAtStart, boolean dropped);

  /** The same limit whatever the node does: the gateway's default. */
  static ConcurrencyLimit fixed(int limit) {
    return new Fixed(limit);
  }

  /** A limit that ignores samples. */
  record Fixed(int current) implements ConcurrencyLimit {
    public Fixed {
      if (current < 1) {
        throw new IllegalArgumentException("limit: " + current + " (expected: > 0)");
      }
    }

    @Override
    public void onSample(long startNanos, long rttNanos, int inFlightAtStart, boolean dropped) {}
  }
}
