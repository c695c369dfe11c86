package codefed.gateway.status;

import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.util.Objects;

/** The answer of a {@link StatusSource}: a verified assertion, or why there is none. */
public sealed interface StatusLookup permits StatusLookup.Found, StatusLookup.Unreachable {

  /**
   * An assertion whose signature, issuer key, code id and nonce were checked.
   *
   * @param assertion the parsed assertion
   * @param signed the exact signed bytes, for the audit record
   * @param fromCache whether it was served from the cache rather than fetched for this scan
   */
  record Found(StatusAssertion assertion, SignedAssertion signed, boolean fromCache)
      implements StatusLookup {
    public Found {
      Objects.requireNonNull(assertion, "assertion");
      Objects.requireNonNull(signed, "signed");
    }
  }

  /**
   * No usable answer: node down, deadline, open circuit, no slot of the issuer's in-flight limit
   * within the bulkhead wait, no route, or an answer refused for security reasons. The scan is
   * handled as if the node were down.
   *
   * @param why a short operator-facing reason; never holds code ids or personal data
   */
  record Unreachable(String why) implements StatusLookup {
    public Unreachable {
      Objects.requireNonNull(why, "why");
    }
  }
}
