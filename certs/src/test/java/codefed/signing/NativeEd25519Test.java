package codefed.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import healthcode.federation.v1.SignatureAlgorithm;
import java.security.KeyPair;
import java.security.Signature;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * libsodium's Ed25519 is interchangeable with BouncyCastle's: the same deterministic signatures,
 * each verifies the other's, both refuse the same tampering. Signers and verifiers use it.
 */
class NativeEd25519Test {
  private static final HexFormat HEX = HexFormat.of();
  private final SodiumEd25519 sodium =
      new SodiumEd25519(
          Libsodium.get()
              .orElseThrow(
                  () ->
                      new AssertionError("the bundled libsodium must load on the build platform")));

  @Test
  void rfc8032TestVector1_sameSignature() {
    byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    byte[] publicKey =
        HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    byte[] expected =
        HEX.parseHex(
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555f"
                + "b8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");

    byte[] signature = sodium.sign(sodium.secretKey(seed), new byte[0], new byte[0]);

    assertThat(signature).isEqualTo(expected);
    assertThat(sodium.verify(publicKey, new byte[0], new byte[0], signature)).isTrue();
  }

  @Test
  void bouncyCastleAndLibsodium_signIdenticallyAndVerifyEachOther() throws Exception {
    KeyPair keys =
        SignatureAlgorithms.generateKeyPair(SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    byte[] secretKey = sodium.secretKey(RawKeys.ed25519Seed(keys.getPrivate()));
    byte[] publicKey = RawKeys.ed25519PublicKey(keys.getPublic());
    Random random = new Random(7);
    for (int i = 0; i < 100; i++) {
      byte[] message = new byte[random.nextInt(400)];
      random.nextBytes(message);
      Signature bc = JcaImplementation.ED25519_BC.newSignature();
      bc.initSign(keys.getPrivate());
      bc.update(SigningDomain.ASSERTION.prefixBytes());
      bc.update(message);
      byte[] bcSignature = bc.sign();

      byte[] nativeSignature =
          sodium.sign(secretKey, SigningDomain.ASSERTION.prefixBytes(), message);

      assertThat(nativeSignature).isEqualTo(bcSignature);
      assertThat(
              sodium.verify(publicKey, SigningDomain.ASSERTION.prefixBytes(), message, bcSignature))
          .isTrue();
    }
  }

  @Test
  void tampering_refusedByBothPaths() throws Exception {
    Signer signer = Signer.generate("140000", SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519);
    byte[] message = "status of code 42".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] signature = signer.sign(SigningDomain.ASSERTION, message);
    byte[] flipped = signature.clone();
    flipped[10] ^= 1;
    byte[] otherMessage = message.clone();
    otherMessage[0] ^= 1;
    SignatureVerifier verifier = signer.verifier();

    assertThatThrownBy(() -> verifier.verify(SigningDomain.ASSERTION, message, flipped))
        .isInstanceOf(SignatureVerificationException.class)
        .hasMessageContaining("does not verify");
    assertThatThrownBy(() -> verifier.verify(SigningDomain.ASSERTION, otherMessage, signature))
        .isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(() -> verifier.verify(SigningDomain.CODE, message, signature))
        .as("another domain")
        .isInstanceOf(SignatureVerificationException.class);
    assertThatThrownBy(() -> verifier.verify(SigningDomain.ASSERTION, message, new byte[63]))
        .isInstanceOf(SignatureVerificationException.class)
        .hasMessageContaining("malformed");
    verifier.verify(SigningDomain.ASSERTION, message, signature);
  }

  @Test
  void smallOrderPublicKey_refused() {
    byte[] identity = new byte[32];
    identity[0] =
        1; // the neutral element: every signature with R = identity, S = 0 "verifies" naively
    byte[] signature = new byte[64];
    signature[0] = 1;

    assertThat(sodium.verify(identity, new byte[0], "anything".getBytes(), signature)).isFalse();
  }

  @Test
  void loading_leavesNoCopyOfTheLibraryBehind() throws Exception {
    assertThat(Libsodium.get()).isPresent();
    try (java.util.stream.Stream<java.nio.file.Path> tmp =
        java.nio.file.Files.list(java.nio.file.Path.of(System.getProperty("java.io.tmpdir")))) {
      assertThat(tmp.map(p -> p.getFileName().toString()))
          .noneMatch(
              name -> name.startsWith("codefed-libsodium-") || name.startsWith("resource-loader"));
    }
  }
}
