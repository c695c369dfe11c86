package codefed.gateway.status;

import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.time.Instant;

/** Checks that a signed assertion is signed by a currently valid key of the expected issuer. */
@FunctionalInterface
interface AssertionVerifier {
  /**
   * @return the parsed assertion
   * @throws AnswerRefusedException with {@link SecurityEvent#ASSERTION_SIGNATURE} when the key is
   *     unknown, not the issuer's, not valid at {@code now}, or the signature is bad
   */
  StatusAssertion verify(SignedAssertion signed, String issuer, Instant now)
      throws AnswerRefusedException;
}
