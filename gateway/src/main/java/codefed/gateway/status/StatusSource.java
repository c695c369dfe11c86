package codefed.gateway.status;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Where the gateway gets the current status of a verified code (pipeline step 4). */
public interface StatusSource {
  /**
   * Status of a verified code: a cached answer younger than {@code maxAge}, else the issuer's node
   * is asked. Never throws for node trouble: an unreachable, misbehaving or impostor node gives
   * {@link StatusLookup.Unreachable}. Thread-safe.
   *
   * @param issuer the code's issuer (province code or {@code NATIONAL})
   * @param codeId the code id from the verified payload (16 bytes)
   * @param maxAge the policy's cache freshness; a cached answer this old or older is not used
   */
  StatusLookup lookup(String issuer, byte[] codeId, Duration maxAge);

  /**
   * {@link #lookup} without waiting: the stage completes when the answer is there (at once for a
   * cached one). Sources that call nodes override it so that no thread waits on a node; this
   * default asks {@link #lookup} on the calling thread.
   */
  default CompletionStage<StatusLookup> lookupAsync(String issuer, byte[] codeId, Duration maxAge) {
    return CompletableFuture.completedFuture(lookup(issuer, codeId, maxAge));
  }
}
