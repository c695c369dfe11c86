package codefed.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import healthcode.federation.v1.SignatureAlgorithm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KeyFilesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"SIGNATURE_ALGORITHM_UNSPECIFIED", "UNRECOGNIZED"},
      mode = EnumSource.Mode.EXCLUDE)
  void load_writtenPrivateKey_signsForTheSamePublicKey(SignatureAlgorithm algorithm)
      throws Exception {
    KeyPair keys = SignatureAlgorithms.generateKeyPair(algorithm);
    Path file = dir.resolve("issuer-key.pem");
    KeyFiles.writePrivateKey(file, keys.getPrivate());

    Signer signer = Signer.load(file, "140000-x", algorithm);

    assertThat(signer.publicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    byte[] message = {1, 2, 3};
    assertThatCode(
            () ->
                SignatureVerifier.of(algorithm, keys.getPublic())
                    .verify(SigningDomain.CODE, message, signer.sign(SigningDomain.CODE, message)))
        .doesNotThrowAnyException();
  }

  @Test
  void writePrivateKey_createsAPkcs8PemReadableByTheOwnerOnly() throws IOException {
    Path file = dir.resolve("keys").resolve("k.pem");

    KeyFiles.writePrivateKey(
        file, SignatureAlgorithms.generateKeyPair(SignatureAlgorithms.DEFAULT).getPrivate());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(file))
        .startsWith("-----BEGIN " + KeyFiles.PRIVATE_KEY_TYPE + "-----\n")
        .endsWith("-----END " + KeyFiles.PRIVATE_KEY_TYPE + "-----\n");
    try (var files = Files.list(file.getParent())) {
      assertThat(files).containsExactly(file); // no temporary file left behind
    }
  }

  @Test
  void writePrivateKey_existingFile_isRefusedAndLeftUnchanged() throws IOException {
    Path file = dir.resolve("k.pem");
    Files.writeString(file, "keep me");

    assertThatThrownBy(
            () ->
                KeyFiles.writePrivateKey(
                    file,
                    SignatureAlgorithms.generateKeyPair(SignatureAlgorithms.DEFAULT).getPrivate()))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(file)).isEqualTo("keep me");
  }

  @Test
  void writePrivateKey_withReplace_overwritesKeepingMode0600() throws IOException {
    Path file = dir.resolve("k.pem");
    Files.writeString(file, "old");

    KeyFiles.writePrivateKey(
        file, SignatureAlgorithms.generateKeyPair(SignatureAlgorithms.DEFAULT).getPrivate(), true);

    assertThat(Files.readString(file))
        .startsWith("-----BEGIN " + KeyFiles.PRIVATE_KEY_TYPE + "-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"SIGNATURE_ALGORITHM_UNSPECIFIED", "UNRECOGNIZED"},
      mode = EnumSource.Mode.EXCLUDE)
  void readPublicKey_writtenPublicKey_isTheSameKey(SignatureAlgorithm algorithm)
      throws IOException {
    KeyPair keys = SignatureAlgorithms.generateKeyPair(algorithm);
    Path file = dir.resolve("pub.pem");

    KeyFiles.writePublicKey(file, keys.getPublic());

    assertThat(KeyFiles.readPublicKey(file).getEncoded()).isEqualTo(keys.getPublic().getEncoded());
  }

  @Test
  void readPrivateKey_fileWithoutPemBlock_isRefusedNamingTheFile() throws IOException {
    Path file = dir.resolve("junk.pem");
    Files.writeString(file, "not a key", StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> KeyFiles.readPrivateKey(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("junk.pem");
  }

  @Test
  void load_keyOfAnotherAlgorithm_isRefused() throws IOException {
    Path file = dir.resolve("sm2.pem");
    KeyFiles.writePrivateKey(
        file,
        SignatureAlgorithms.generateKeyPair(SignatureAlgorithm.SIGNATURE_ALGORITHM_SM2_SM3)
            .getPrivate());

    assertThatThrownBy(
            () -> Signer.load(file, "k", SignatureAlgorithm.SIGNATURE_ALGORITHM_ECDSA_P256_SHA256))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
