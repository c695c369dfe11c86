package codefed.gateway.recognition;

import java.time.Instant;

/**
 * Step 1: decodes QR text and verifies the code's signature against the trust list (format, known
 * issuer, key valid, signature). Never calls a node. Thread-safe.
 */
@FunctionalInterface
public interface CodeVerifier {
  /**
   * The verified payload of the code in {@code qrText}.
   *
   * @throws UnverifiableCodeException with the reason, for any code that does not verify
   */
  VerifiedPayload verify(String qrText, Instant now) throws UnverifiableCodeException;
}
