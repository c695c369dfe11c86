package codefed.gateway.recognition;

import codefed.code.HealthCodeText;
import codefed.code.MalformedCodeException;
import codefed.gateway.testing.SharedPki;
import codefed.trust.CodeRejectedException;
import codefed.trust.TrustList;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes step 1 — QR text decoding and verification against a real trust list — with arbitrary
 * scanner input. Whatever comes in, the only exceptions are the documented checked ones. In a
 * normal build only the committed inputs under {@code QrVerificationFuzzTestInputs/} run; {@code
 * JAZZER_FUZZ=1} fuzzes (see gateway/README.md).
 */
class QrVerificationFuzzTest {
  static final Instant NOW = Instant.parse("2020-03-20T01:00:00Z");
  static TrustList trust;
  static TrustListCodeVerifier verifier;

  @BeforeAll
  static void trustList() throws Exception {
    trust = SharedPki.get().trustList();
    verifier = new TrustListCodeVerifier(() -> trust, 1000);
  }

  @FuzzTest(maxDuration = "5m")
  void decodeAndVerify_anyInput_throwsOnlyDocumentedExceptions(byte[] input) {
    String qr = new String(input, StandardCharsets.UTF_8);
    try {
      trust.verifyCode(HealthCodeText.decode(qr), NOW);
    } catch (MalformedCodeException | CodeRejectedException expected) {
      // the documented outcomes for a bad code
    }
    try {
      verifier.verify(qr, NOW);
    } catch (UnverifiableCodeException expected) {
      // the recognizer's one exception for a code that does not verify
    }
    // Anything else — a RuntimeException, an Error — escapes and fails the test.
  }
}
