package codefed.gateway.status;

import java.time.Duration;

/** Where the gateway gets the issuing node's status for a verified code. Thread-safe. */
public interface StatusSource {
  /** Status of a verified code: cached answer younger than maxAge, else ask the issuer's node. */
  StatusLookup lookup(String issuer, byte[] codeId, Duration maxAge);
}
