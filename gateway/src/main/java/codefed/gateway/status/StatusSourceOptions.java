package codefed.gateway.status;

import static codefed.options.OptionChecks.atLeastOne;
import static codefed.options.OptionChecks.notNegative;
import static codefed.options.OptionChecks.positive;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How the gateway calls the issuers' nodes and keeps their answers: each default is defined here
 * once ({@link #DEFAULTS}) and every value is checked when the record is made, so a bad setting
 * fails at start-up with the name of the setting.
 *
 * @param nodeDeadline budget of one node call including its retry (default 500 ms)
 * @param maxEntries status cache bound (default 100 000 answers)
 * @param cacheRetention how long an answer is kept at most (default 10 min); lookups use only
 *     answers younger than their own maxAge, so this only frees memory early
 * @param breaker circuit breaker tuning (default {@link BreakerSettings#DEFAULTS})
 * @param maxConcurrentCalls node calls in flight per issuer (default 32): the fixed limit, unless
 *     {@code adaptiveLimit} is set
 * @param bulkheadWait how long a further call may wait for one of them (default 500 ms); holds no
 *     thread, zero refuses at once
 * @param maxQueuedCalls calls per issuer that may wait for a slot at once (default 4096)
 * @param maxCallsInFlight node calls in flight across all issuers (default 1024): a safety cap
 * @param backoffInitial first change-stream reconnect delay (default 100 ms, doubling)
 * @param backoffMax longest change-stream reconnect delay (default 5 s)
 * @param streamSilence how long a change stream may deliver nothing before it counts as down
 *     (default 15 s: three of the node's 5 s heartbeats)
 * @param unhealthyCacheAge the oldest cached answer used while the issuer's change stream is down
 *     (default 5 s)
 * @param clockLead how far an answer's {@code asserted_at} may lie ahead of the gateway's clock and
 *     still be cached (default 2 min, the shipped policies' clock skew tolerance)
 * @param adaptiveLimit set: each issuer's in-flight limit adapts to its node's round trips within
 *     these bounds instead of staying at {@code maxConcurrentCalls} (default: empty, fixed)
 */
public record StatusSourceOptions(
    Duration nodeDeadline,
    int maxEntries,
    Duration cacheRetention,
    BreakerSettings breaker,
    int maxConcurrentCalls,
    Duration bulkheadWait,
    int maxQueuedCalls,
    int maxCallsInFlight,
    Duration backoffInitial,
    Duration backoffMax,
    Duration streamSilence,
    Duration unhealthyCacheAge,
    Duration clockLead,
    Optional<AdaptiveLimitSettings> adaptiveLimit) {

  public static final StatusSourceOptions DEFAULTS =
      new StatusSourceOptions(
          Duration.ofMillis(500),
          100_000,
          Duration.ofMinutes(10),
          BreakerSettings.DEFAULTS,
          32,
          Duration.ofMillis(500),
          4096,
          1024,
          Duration.ofMillis(100),
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(5),
          Duration.ofMinutes(2),
          Optional.empty());

  public StatusSourceOptions {
    positive("nodeDeadline", nodeDeadline);
    atLeastOne("maxEntries", maxEntries);
    positive("cacheRetention", cacheRetention);
    Objects.requireNonNull(breaker, "breaker");
    atLeastOne("maxConcurrentCalls", maxConcurrentCalls);
    notNegative("bulkhead maxWait", bulkheadWait);
    if (maxQueuedCalls < 0) {
      throw new IllegalArgumentException("maxQueuedCalls: " + maxQueuedCalls + " (expected: >= 0)");
    }
    atLeastOne("maxCallsInFlight", maxCallsInFlight);
    new Backoff(backoffInitial, backoffMax); // validates
    positive("streamSilence", streamSilence);
    notNegative("unhealthyCacheAge", unhealthyCacheAge);
    notNegative("clockLead", clockLead);
    Objects.requireNonNull(adaptiveLimit, "adaptiveLimit");
  }

  public StatusSourceOptions withNodeDeadline(Duration v) {
    return new StatusSourceOptions(
        v,
        maxEntries,
        cacheRetention,
        breaker,
        maxConcurrentCalls,
        bulkheadWait,
        maxQueuedCalls,
        maxCallsInFlight,
        backoffInitial,
        backoffMax,
        streamSilence,
        unhealthyCacheAge,
        clockLead,
        adaptiveLimit);
  }

  public StatusSourceOptions withMaxEntries(int v) {
    return new StatusSourceOptions(
        nodeDeadline,
        v,
        cacheRetention,
        breaker,
        maxConcurrentCalls,
        bulkheadWait,
        maxQueuedCalls,
        maxCallsInFlight,
        backoffInitial,
        backoffMax,
        streamSilence,
        unhealthyCacheAge,
        clockLead,
        adaptiveLimit);
  }

  public StatusSourceOptions withCacheRetention(Duration v) {
    return new StatusSourceOptions(
        nodeDeadline,
        maxEntries,
        v,
        breaker,
        maxConcurrentCalls,
        bulkheadWait,
        maxQueuedCalls,
        maxCallsInFlight,
        backoffInitial,
        backoffMax,
        streamSilence,
        unhealthyCacheAge,
        clockLead,
        adaptiveLimit);
  }

  public StatusSourceOptions withBreaker(BreakerSettings v) {
    return new StatusSourceOptions(
        nodeDeadline,
        maxEntries,
        cacheRetention,
        v,
        maxConcurrentCalls,
        bulkheadWait,
        maxQueuedCalls,
        maxCallsInFlight,
        backoffInitial,
        backoffMax,
        streamSilence,
        unhealthyCacheAge,
        clockLead,
        adaptiveLimit);
  }

  public StatusSourceOptions withBulkhead(int concurrent, Duration wait) {
    return new StatusSourceOptions(
        nodeDeadline,
        maxEntries,
        cacheRetention,
        breaker,
        concurrent,
        wait,
        maxQueuedCalls,
        maxCallsInFlight,
        backoffInitial,
        backoffMax,
        streamSilence,
        unhealthyCacheAge,
        clockLead,
        adaptiveLimit);
  }

  public StatusSourceOptions withMaxQueuedCalls(int v) {
    return new StatusSourceOptions(
        nodeDeadline,
        maxEntries,
        cacheRetention,
        breaker,
        maxConcurrentCalls,
        bulkheadWait,
        v,
        maxCallsInFlight,
        backoffInitial,
        backoffMax,
        streamSilence,
        unhealthyCacheAge,
        clockLead,
        adaptiveLimit);
  }

  public StatusSourceOptions withMaxCallsInFlight(int v) {
    return new StatusSourceOptions(
        nodeDeadline,
        maxEntries,
        cacheRetention,
        breaker,
        maxConcurrentCalls,
        bulkheadWait,
        maxQueuedCalls,
        v,
        backoffInitial,
        backoffMax,
        streamSilence,
        unhealthyCacheAge,
        clockLead,
        adaptiveLimit);
  }

  public StatusSourceOptions withWatchBackoff(Duration initial, Duration max) {
    return new StatusSourceOptions(
        nodeDeadline,
        maxEntries,
        cacheRetention,
        breaker,
        maxConcurrentCalls,
        bulkheadWait,
        maxQueuedCalls,
        maxCallsInFlight,
        initial,
        max,
        streamSilence,
        unhealthyCacheAge,
        clockLead,
        adaptiveLimit);
  }

  public StatusSourceOptions withStreamSilence(Duration v) {
    return new StatusSourceOptions(
        nodeDeadline,
        maxEntries,
        cacheRetention,
        breaker,
        maxConcurrentCalls,
        bulkheadWait,
        maxQueuedCalls,
        maxCallsInFlight,
        backoffInitial,
        backoffMax,
        v,
        unhealthyCacheAge,
        clockLead,
        adaptiveLimit);
  }

  public StatusSourceOptions withUnhealthyCacheAge(Duration v) {
    return new StatusSourceOptions(
        nodeDeadline,
        maxEntries,
        cacheRetention,
        breaker,
        maxConcurrentCalls,
        bulkheadWait,
        maxQueuedCalls,
        maxCallsInFlight,
        backoffInitial,
        backoffMax,
        streamSilence,
        v,
        clockLead,
        adaptiveLimit);
  }

  public StatusSourceOptions withClockLead(Duration v) {
    return new StatusSourceOptions(
        nodeDeadline,
        maxEntries,
        cacheRetention,
        breaker,
        maxConcurrentCalls,
        bulkheadWait,
        maxQueuedCalls,
        maxCallsInFlight,
        backoffInitial,
        backoffMax,
        streamSilence,
        unhealthyCacheAge,
        v,
        adaptiveLimit);
  }

  public StatusSourceOptions withAdaptiveLimit(AdaptiveLimitSettings v) {
    return withAdaptiveLimit(Optional.of(Objects.requireNonNull(v, "adaptiveLimit")));
  }

  /** Empty: the fixed limit of {@code maxConcurrentCalls}. */
  public StatusSourceOptions withAdaptiveLimit(Optional<AdaptiveLimitSettings> v) {
    return new StatusSourceOptions(
        nodeDeadline,
        maxEntries,
        cacheRetention,
        breaker,
        maxConcurrentCalls,
        bulkheadWait,
        maxQueuedCalls,
        maxCallsInFlight,
        backoffInitial,
        backoffMax,
        streamSilence,
        unhealthyCacheAge,
        clockLead,
        v);
  }
}
