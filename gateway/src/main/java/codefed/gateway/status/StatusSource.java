package codefed.gateway.status;

import java.time.Duration;

/** Where the gateway gets the current status of a verified code (pipeline step 4). */
public interface StatusSource {
  /**
   * Status of a verified code: a cached answer younger than {@code maxAge}, else the issuer's
   * node is asked. Never throws for node trouble: an unreachable, misbehaving or impostor node
   * gives {@link StatusLookup.Unreachable}. Thread-safe.
   *
   * @param issuer the code's issuer (province code or {@code NATIONAL})
   * @param codeId the code id from the verified payload (16 bytes)
   * @param maxAge the policy's cache freshness; a cached answer this old or older is not used
   */
  StatusLookup lookup(String issuer, byte[] codeId, Duration maxAge);
}
