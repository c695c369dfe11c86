package codefed.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import healthcode.federation.v1.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignerTest {
  private static final byte[] MESSAGE =
      "issuer=140000 code_id=0123456789abcdef".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"SIGNATURE_ALGORITHM_UNSPECIFIED", "UNRECOGNIZED"},
      mode = EnumSource.Mode.EXCLUDE)
  void sign_thenVerifyWithThePublicKey_succeeds(SignatureAlgorithm algorithm) {
    Signer signer = Signer.generate("140000", algorithm);
    byte[] signature = signer.sign(SigningDomain.CODE, MESSAGE);

    SignatureVerifier verifier = SignatureVerifier.of(algorithm, signer.publicKey().getEncoded());

    assertThatCode(() -> verifier.verify(SigningDomain.CODE, MESSAGE, signature))
        .doesNotThrowAnyException();
    assertThat(signer.algorithm()).isEqualTo(algorithm);
    assertThat(signer.keyId()).matches("140000-(p256|sm2|ed25519)-[0-9a-f]{8}");
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"SIGNATURE_ALGORITHM_UNSPECIFIED", "UNRECOGNIZED"},
      mode = EnumSource.Mode.EXCLUDE)
  void verify_everyOneBitFlipInTheMessage_fails(SignatureAlgorithm algorithm) {
    Signer signer = Signer.generate("140000", algorithm);
    byte[] signature = signer.sign(SigningDomain.CODE, MESSAGE);
    SignatureVerifier verifier = signer.verifier();

    for (int bit = 0; bit < MESSAGE.length * 8; bit++) {
      byte[] flipped = flip(MESSAGE, bit);
      assertThatThrownBy(() -> verifier.verify(SigningDomain.CODE, flipped, signature))
          .as("bit %d", bit)
          .isInstanceOf(SignatureVerificationException.class);
    }
    // The verifier is still usable after all those failures.
    assertThatCode(() -> verifier.verify(SigningDomain.CODE, MESSAGE, signature))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"SIGNATURE_ALGORITHM_UNSPECIFIED", "UNRECOGNIZED"},
      mode = EnumSource.Mode.EXCLUDE)
  void verify_everyOneBitFlipInTheSignature_fails(SignatureAlgorithm algorithm) {
    Signer signer = Signer.generate("140000", algorithm);
    byte[] signature = signer.sign(SigningDomain.CODE, MESSAGE);
    SignatureVerifier verifier = signer.verifier();

    for (int bit = 0; bit < signature.length * 8; bit++) {
      byte[] flipped = flip(signature, bit);
      assertThatThrownBy(() -> verifier.verify(SigningDomain.CODE, MESSAGE, flipped))
          .as("bit %d", bit)
          .isInstanceOf(SignatureVerificationException.class);
    }
    assertThatCode(() -> verifier.verify(SigningDomain.CODE, MESSAGE, signature))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"SIGNATURE_ALGORITHM_UNSPECIFIED", "UNRECOGNIZED"},
      mode = EnumSource.Mode.EXCLUDE)
  void verify_signatureMadeForAnotherDomain_fails(SignatureAlgorithm algorithm) {
    Signer signer = Signer.generate("140000", algorithm);
    byte[] signature = signer.sign(SigningDomain.CODE, MESSAGE);

    assertThatThrownBy(() -> signer.verifier().verify(SigningDomain.ASSERTION, MESSAGE, signature))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"SIGNATURE_ALGORITHM_UNSPECIFIED", "UNRECOGNIZED"},
      mode = EnumSource.Mode.EXCLUDE)
  void verify_signatureOfAnotherKey_fails(SignatureAlgorithm algorithm) {
    Signer signer = Signer.generate("140000", algorithm);
    Signer other = Signer.generate("140000", algorithm);

    byte[] signature = other.sign(SigningDomain.CODE, MESSAGE);

    assertThatThrownBy(() -> signer.verifier().verify(SigningDomain.CODE, MESSAGE, signature))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"SIGNATURE_ALGORITHM_UNSPECIFIED", "UNRECOGNIZED"},
      mode = EnumSource.Mode.EXCLUDE)
  void verify_emptyOrTruncatedSignature_failsWithAnException(SignatureAlgorithm algorithm) {
    Signer signer = Signer.generate("140000", algorithm);
    byte[] signature = signer.sign(SigningDomain.CODE, MESSAGE);
    byte[] truncated = java.util.Arrays.copyOf(signature, signature.length - 1);

    assertThatThrownBy(() -> signer.verifier().verify(SigningDomain.CODE, MESSAGE, new byte[0]))
        .isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(() -> signer.verifier().verify(SigningDomain.CODE, MESSAGE, truncated))
        .isInstanceOf(SignatureVerificationException.class);
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"SIGNATURE_ALGORITHM_UNSPECIFIED", "UNRECOGNIZED"},
      mode = EnumSource.Mode.EXCLUDE)
  void signAndVerify_fromSeveralThreadsAtOnce_allSucceed(SignatureAlgorithm algorithm)
      throws Exception {
    Signer signer = Signer.generate("140000", algorithm);
    SignatureVerifier verifier = signer.verifier();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        byte[] message = ("message " + t).getBytes(StandardCharsets.UTF_8);
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    verifier.verify(
                        SigningDomain.CODE, message, signer.sign(SigningDomain.CODE, message));
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] flip(byte[] bytes, int bit) {
    byte[] copy = bytes.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }
}
