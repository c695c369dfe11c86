package codefed.gateway.server;

import java.time.Duration;
import java.time.Instant;

/** The trust list expired longer ago than its grace: no decision may be given with it. */
final class TrustListExpiredException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TrustListExpiredException(Instant nextUpdate, Duration grace) {
    super(
        "trust list expired at "
            + nextUpdate
            + " and its grace of "
            + grace
            + " is over: no decision until a refreshed trust list is published");
  }
}
