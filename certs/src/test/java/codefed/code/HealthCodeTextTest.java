package codefed.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import healthcode.federation.v1.SignedCode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HealthCodeTextTest {
  private static final SignedCode CODE =
      SignedCode.newBuilder()
          .setPayload(ByteString.copyFromUtf8("payload bytes"))
          .setKeyId("140000-ed25519-1a2b3c4d")
          .setSignature(ByteString.copyFrom(new byte[64]))
          .build();

  @Test
  void encode_signedCode_isPrefixedBase45OfItsBytes() {
    String text = HealthCodeText.encode(CODE);

    assertThat(text).startsWith("HCF1:");
    assertThat(Base45.decode(text.substring(5))).isEqualTo(CODE.toByteArray());
  }

  @Test
  void decode_encodedCode_givesTheSameCode() throws MalformedCodeException {
    assertThat(HealthCodeText.decode(HealthCodeText.encode(CODE))).isEqualTo(CODE);
  }

  @Test
  void decode_scannerSuffixesAndLeadingBlanks_giveTheSameCode() throws MalformedCodeException {
    String text = HealthCodeText.encode(CODE);

    for (String around : new String[] {"\r\n", "\n", "\r", "\t", " ", " \r\n"}) {
      assertThat(HealthCodeText.decode(text + around)).isEqualTo(CODE);
      assertThat(HealthCodeText.decode(around + text)).isEqualTo(CODE);
    }
  }

  @Test
  void normalize_controlCharacterInside_isMalformedNamingCharacterAndPosition() {
    String text = HealthCodeText.encode(CODE);
    String withBell = text.substring(0, 9) + "\u0007" + text.substring(9);

    assertThatThrownBy(() -> HealthCodeText.normalize(withBell))
        .isInstanceOf(MalformedCodeException.class)
        .hasMessageContaining("U+0007 at position 9");
  }

  @Test
  void encode_neverEndsWithABlank_soStrippingTrailingBlanksCannotAlterACode() {
    Random random = new Random(20261129L);
    for (int i = 0; i < 20_000; i++) {
      byte[] payload = new byte[random.nextInt(1, 300)];
      random.nextBytes(payload);
      String text =
          HealthCodeText.encode(CODE.toBuilder().setPayload(ByteString.copyFrom(payload)).build());

      assertThat(text.charAt(text.length() - 1)).isNotEqualTo(' ');
    }
  }

  @Test
  void decode_wrongPrefix_isMalformedNamingThePrefix() {
    String text = "HCF2:" + HealthCodeText.encode(CODE).substring(5);

    assertThatThrownBy(() -> HealthCodeText.decode(text))
        .isInstanceOf(MalformedCodeException.class)
        .hasMessageContaining("prefix");
  }

  @Test
  void decode_nullOrEmpty_isMalformed() {
    assertThatThrownBy(() -> HealthCodeText.decode(null))
        .isInstanceOf(MalformedCodeException.class);
    assertThatThrownBy(() -> HealthCodeText.decode("")).isInstanceOf(MalformedCodeException.class);
  }

  @Test
  void decode_textLongerThan4096_isMalformedNamingTheLength() {
    String text = "HCF1:" + "0".repeat(4095);

    assertThatThrownBy(() -> HealthCodeText.decode(text))
        .isInstanceOf(MalformedCodeException.class)
        .hasMessageContaining("4100 characters");
  }

  @Test
  void decode_lowercaseBase45_isMalformedNamingBase45() {
    String text = "HCF1:" + HealthCodeText.encode(CODE).substring(5).toLowerCase();

    assertThatThrownBy(() -> HealthCodeText.decode(text))
        .isInstanceOf(MalformedCodeException.class)
        .hasMessageContaining("base45");
  }

  @Test
  void decode_validBase45ThatIsNotProtobuf_isMalformedNamingProtobuf() {
    String text = "HCF1:" + Base45.encode(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});

    assertThatThrownBy(() -> HealthCodeText.decode(text))
        .isInstanceOf(MalformedCodeException.class)
        .hasMessageContaining("protobuf");
  }

  @Test
  void decode_codeWithoutSignature_isMalformedNamingTheField() {
    SignedCode unsigned = CODE.toBuilder().clearSignature().build();

    assertThatThrownBy(() -> HealthCodeText.decode(HealthCodeText.encode(unsigned)))
        .isInstanceOf(MalformedCodeException.class)
        .hasMessage("signed_code.signature: missing");
  }

  @Test
  void decode_codeWithoutKeyIdOrPayload_isMalformedNamingTheField() {
    assertThatThrownBy(
            () ->
                HealthCodeText.decode(HealthCodeText.encode(CODE.toBuilder().clearKeyId().build())))
        .hasMessage("signed_code.key_id: missing");
    assertThatThrownBy(
            () ->
                HealthCodeText.decode(
                    HealthCodeText.encode(CODE.toBuilder().clearPayload().build())))
        .hasMessage("signed_code.payload: missing");
  }

  @Test
  void decode_truncatedAtEveryLength_neverThrowsAnythingButMalformed() {
    String text = HealthCodeText.encode(CODE);
    for (int length = 0; length < text.length(); length++) {
      String truncated = text.substring(0, length);
      Throwable thrown = catchThrowable(() -> HealthCodeText.decode(truncated));
      if (thrown != null) {
        assertThat(thrown).as("length %d", length).isInstanceOf(MalformedCodeException.class);
      }
    }
  }

  @Test
  void decode_randomGarbageAfterThePrefix_neverThrowsAnythingButMalformed() {
    Random random = new Random(20200319);
    String alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder("HCF1:");
      int length = random.nextInt(200);
      for (int j = 0; j < length; j++) {
        text.append(
            random.nextInt(50) == 0
                ? (char) random.nextInt(0x3000)
                : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      Throwable thrown = catchThrowable(() -> HealthCodeText.decode(text.toString()));
      if (thrown != null) {
        assertThat(thrown).as(text.toString()).isInstanceOf(MalformedCodeException.class);
      }
    }
  }
}
