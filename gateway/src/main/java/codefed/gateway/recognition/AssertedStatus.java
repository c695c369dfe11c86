package codefed.gateway.recognition;

import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.util.Objects;

/**
 * A node's status answer as the decision used it: the signed bytes (what the audit record keeps, so
 * an auditor can re-check the signature) and the assertion parsed from exactly those bytes.
 */
public record AssertedStatus(SignedAssertion signed, StatusAssertion assertion) {
  public AssertedStatus {
    Objects.requireNonNull(signed, "signed");
    Objects.requireNonNull(assertion, "assertion");
  }

  /**
   * Parses the assertion out of its signed envelope.
   *
   * @throws IllegalArgumentException if the bytes are not a StatusAssertion
   */
  public static AssertedStatus of(SignedAssertion signed) {
    try {
      return new AssertedStatus(signed, StatusAssertion.parseFrom(signed.getAssertion()));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("assertion.assertion: not a StatusAssertion", e);
    }
  }
}
