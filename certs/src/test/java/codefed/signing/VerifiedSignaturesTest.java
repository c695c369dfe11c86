package codefed.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import healthcode.federation.v1.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A remembered verdict is reused only for the same key, domain, bytes and signature. */
class VerifiedSignaturesTest {
  private static final byte[] MESSAGE = "an answer".getBytes(StandardCharsets.UTF_8);

  @Test
  void theSameSignedBytes_areRemembered_anythingElseIsVerifiedAfresh() throws Exception {
    Signer signer = Signer.generate("140000", SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    Signer other = Signer.generate("140000", SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    SignatureVerifier verifier = SignatureVerifier.of(signer.algorithm(), signer.publicKey());
    SignatureVerifier otherVerifier = SignatureVerifier.of(other.algorithm(), other.publicKey());
    byte[] sig = signer.sign(SigningDomain.ASSERTION, MESSAGE);
    VerifiedSignatures memo = new VerifiedSignatures(10);

    memo.verify(verifier, SigningDomain.ASSERTION, MESSAGE, sig);
    memo.verify(verifier, SigningDomain.ASSERTION, MESSAGE, sig);
    assertThat(memo.size()).isEqualTo(1);

    byte[] flipped = sig.clone();
    flipped[flipped.length - 1] ^= 1;
    assertThatThrownBy(() -> memo.verify(verifier, SigningDomain.ASSERTION, MESSAGE, flipped))
        .isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(() -> memo.verify(verifier, SigningDomain.CODE, MESSAGE, sig))
        .isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(
            () ->
                memo.verify(
                    verifier,
                    SigningDomain.ASSERTION,
                    "another".getBytes(StandardCharsets.UTF_8),
                    sig))
        .isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(() -> memo.verify(otherVerifier, SigningDomain.ASSERTION, MESSAGE, sig))
        .isInstanceOf(SignatureVerificationException.class);
    assertThat(memo.size()).as("failures are never remembered").isEqualTo(1);
  }

  @Test
  void itStaysBounded() throws Exception {
    Signer signer = Signer.generate("140000", SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    SignatureVerifier verifier = SignatureVerifier.of(signer.algorithm(), signer.publicKey());
    VerifiedSignatures memo = new VerifiedSignatures(3);
    for (int i = 0; i < 10; i++) {
      byte[] m = ("answer " + i).getBytes(StandardCharsets.UTF_8);
      memo.verify(verifier, SigningDomain.ASSERTION, m, signer.sign(SigningDomain.ASSERTION, m));
      assertThat(memo.size()).isBetween(1, 3);
    }
  }
}
