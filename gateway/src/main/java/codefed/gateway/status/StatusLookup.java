package codefed.gateway.status;

import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;

/** The result of a status lookup: a verified assertion, or the reason none could be had. */
public sealed interface StatusLookup permits StatusLookup.Found, StatusLookup.Unreachable {
  /** A status assertion whose signature was verified against the issuer's keys. */
  record Found(StatusAssertion assertion, SignedAssertion signed, boolean fromCache)
      implements StatusLookup {}

  /** The issuer's node could not give a usable answer (down, open circuit, refused identity). */
  record Unreachable(String why) implements StatusLookup {}
}
