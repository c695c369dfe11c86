package codefed.gateway.status;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowSynchronizationStrategy;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * The per-issuer circuit breakers (the per-issuer bulkhead is an {@link InFlightLimit}). A breaker
 * counts only the failures that say "this node is not answering" — {@code UNAVAILABLE}, {@code
 * DEADLINE_EXCEEDED}, {@code RESOURCE_EXHAUSTED}, and a TLS peer that is not the issuer's node;
 * other answers, errors included, show the node is up. Breaker time follows the injected clock (the
 * synchronized time window reads it; the lock-free one would read the system clock).
 */
final class IssuerGuards {
  private static final Set<Status.Code> FAILURES =
      EnumSet.of(
          Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED, Status.Code.RESOURCE_EXHAUSTED);

  private final CircuitBreakerRegistry breakers;

  IssuerGuards(BreakerSettings settings, Clock clock) {
    CircuitBreakerConfig breaker =
        CircuitBreakerConfig.custom()
            .slidingWindow(
                (int) settings.window().toSeconds(),
                settings.minimumCalls(),
                SlidingWindowType.TIME_BASED,
                SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
            .failureRateThreshold(settings.failureRatePercent())
            .waitDurationInOpenState(settings.openFor())
            .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
            .recordException(IssuerGuards::isFailure)
            .ignoreException(IssuerGuards::isIgnored)
            .writableStackTraceEnabled(false)
            .clock(clock)
            .build();
    this.breakers = CircuitBreakerRegistry.of(breaker);
  }

  CircuitBreaker breaker(String issuer) {
    return breakers.circuitBreaker(issuer);
  }

  static boolean isFailure(Throwable t) {
    if (t instanceof StatusRuntimeException e) {
      return FAILURES.contains(e.getStatus().getCode());
    }
    return t instanceof AnswerRefusedException e && e.kind() == SecurityEvent.TLS_IDENTITY;
  }

  /** A refused answer came from a node that is up: it neither opens nor closes the breaker. */
  private static boolean isIgnored(Throwable t) {
    return t instanceof AnswerRefusedException e && e.kind() != SecurityEvent.TLS_IDENTITY;
  }
}
