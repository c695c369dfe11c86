package codefed.code;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Base45Test {
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]*)` \\| `([^`]*)` \\|$");

  /** The RFC 9285 section 4.3 examples, read from testdata/reference-vectors.md. */
  private static List<String[]> rfcVectors() throws IOException {
    List<String[]> vectors = new ArrayList<>();
    boolean inSection = false;
    for (String line : Files.readAllLines(TestData.file("reference-vectors.md"))) {
      if (line.startsWith("## ")) {
        inSection = line.startsWith("## Base45");
      }
      Matcher m = ROW.matcher(line);
      if (inSection && m.matches()) {
        vectors.add(new String[] {m.group(1), m.group(2)});
      }
    }
    return vectors;
  }

  @Test
  void encodeAndDecode_rfc9285Examples_matchTheKnownAnswers() throws IOException {
    List<String[]> vectors = rfcVectors();
    assertThat(vectors).hasSize(4);
    for (String[] v : vectors) {
      byte[] bytes = v[0].getBytes(StandardCharsets.US_ASCII);
      assertThat(Base45.encode(bytes)).as(v[0]).isEqualTo(v[1]);
      assertThat(Base45.decode(v[1])).as(v[1]).isEqualTo(bytes);
    }
  }

  @Test
  void decode_rfc9285DecodingExample_givesIetf() {
    assertThat(new String(Base45.decode("QED8WEX0"), StandardCharsets.US_ASCII)).isEqualTo("ietf!");
  }

  @Test
  void roundTrip_randomBytesOfEveryLengthUpTo300_areUnchanged() {
    Random random = new Random(9285);
    for (int length = 0; length <= 300; length++) {
      byte[] bytes = new byte[length];
      random.nextBytes(bytes);
      String text = Base45.encode(bytes);
      assertThat(text.length()).isEqualTo(length / 2 * 3 + length % 2 * 2);
      assertThat(Base45.decode(text)).isEqualTo(bytes);
    }
  }

  @Test
  void roundTrip_extremeByteValues_areUnchanged() {
    byte[] bytes = {0, 0, (byte) 0xff, (byte) 0xff, (byte) 0xff};
    assertThat(Base45.encode(bytes)).isEqualTo("000FGWU5");
    assertThat(Base45.decode("000FGWU5")).isEqualTo(bytes);
  }

  @Test
  void decode_emptyText_givesNoBytes() {
    assertThat(Base45.decode("")).isEmpty();
  }

  @Test
  void decode_tripleAbove65535_isRefused() {
    assertThatThrownBy(() -> Base45.decode("GGW"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("65536");
  }

  @Test
  void decode_finalPairAbove255_isRefused() {
    assertThatThrownBy(() -> Base45.decode("BB8GG"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("736");
  }

  @ParameterizedTest
  @ValueSource(strings = {"B", "BB8B", "%69 VD92EX0AB"})
  void decode_danglingSingleCharacter_isRefused(String text) {
    assertThatThrownBy(() -> Base45.decode(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dangling");
  }

  @ParameterizedTest
  @ValueSource(strings = {"bb8", "BB#", "BB\n", "B\u00e9", "BB\u4e2d", "BB8=="})
  void decode_characterOutsideTheAlphabet_isRefused(String text) {
    assertThatThrownBy(() -> Base45.decode(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alphabet");
  }
}
