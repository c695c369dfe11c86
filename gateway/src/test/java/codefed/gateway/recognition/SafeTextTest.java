package codefed.gateway.recognition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What {@link SafeText} lets through, what it escapes, and how it bounds. */
class SafeTextTest {
  @Test
  void controlCharacters_newlinesAnsiAndNul_areEscapedNotKept() {
    String escaped = SafeText.escape("key\n\u001B[31mred\u001B[0m\u0000\r\t", 200);

    assertThat(escaped).isEqualTo("key\\u{A}\\u{1B}[31mred\\u{1B}[0m\\u{0}\\u{D}\\u{9}");
    assertThat(escaped.chars()).allMatch(c -> c >= 0x20 && c < 0x7F);
  }

  @Test
  void bidiOverridesLineSeparatorsAndLoneSurrogates_areEscaped() {
    assertThat(SafeText.escape("a\u202Eb\u2028c\uD800d\u00A0e", 200))
        .isEqualTo("a\\u{202E}b\\u{2028}c\\u{D800}d\\u{A0}e");
  }

  @Test
  void printableTextInAnyScript_isKept_andBackslashIsDoubled() {
    assertThat(SafeText.escape("张三 Zhang \\u{41} 😀", 200)).isEqualTo("张三 Zhang \\\\u{41} 😀");
  }

  @Test
  void longText_isCutWithAnEllipsis_neverBeyondTheBound() {
    String huge = "x".repeat(100 * 1024);

    String cut = SafeText.escape(huge, 200);

    assertThat(cut).hasSize(200).endsWith("…").startsWith("xxx");
    assertThat(SafeText.escape("\u0000".repeat(100 * 1024), 200))
        .hasSizeLessThanOrEqualTo(200)
        .endsWith("…");
    assertThat(SafeText.escape("x".repeat(200), 200)).isEqualTo("x".repeat(200));
    assertThat(SafeText.escape("x".repeat(201), 200)).hasSize(200).endsWith("x…");
  }

  @Test
  void firstUnprintable_namesTheCodePoint() {
    assertThat(SafeText.firstUnprintable("fine, 张*")).isEqualTo(-1);
    assertThat(SafeText.firstUnprintable("bad\u001Bthing")).isEqualTo(0x1B);
  }
}
