package codefed.gateway.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeIdHasherTest {
  @TempDir Path dir;

  @Test
  void hash_isHmacSha256OfTheCodeId() throws Exception {
    byte[] key = new byte[32];
    key[0] = 1;
    ByteString codeId = ByteString.copyFrom(new byte[16]);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));

    assertThat(new CodeIdHasher(key).hash(codeId).toByteArray())
        .isEqualTo(mac.doFinal(new byte[16]));
  }

  @Test
  void loadOrCreate_firstRun_generatesAnOwnerOnlyKeyThatLaterRunsReuse() throws Exception {
    Path file = dir.resolve("keys/hmac.key");

    CodeIdHasher first = CodeIdHasher.loadOrCreate(file);
    CodeIdHasher second = CodeIdHasher.loadOrCreate(file);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(HexFormat.of().parseHex(Files.readString(file).strip())).hasSize(32);
    assertThat(second.keyId()).isEqualTo(first.keyId());
    ByteString id = ByteString.copyFromUtf8("0123456789abcdef");
    assertThat(second.hash(id)).isEqualTo(first.hash(id));
  }

  @Test
  void keyId_differsBetweenKeys() {
    byte[] other = new byte[32];
    other[31] = 7;
    assertThat(new CodeIdHasher(new byte[32]).keyId())
        .isNotEqualTo(new CodeIdHasher(other).keyId());
  }
}
