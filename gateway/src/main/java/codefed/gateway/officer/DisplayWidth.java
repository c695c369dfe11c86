package codefed.gateway.officer;

/**
 * Columns a string takes on a terminal: East Asian wide and full-width characters (Chinese names,
 * 山西省) take two, so tables and labels line up by what the eye sees, not by chars.
 */
public final class DisplayWidth {
  private DisplayWidth() {}

  public static int of(String s) {
    return s.codePoints().map(DisplayWidth::width).sum();
  }

  /** {@code s} padded with spaces on the right to {@code columns} display columns. */
  public static String pad(String s, int columns) {
    int missing = columns - of(s);
    return missing <= 0 ? s : s + " ".repeat(missing);
  }

  /** {@code s} cut to at most {@code columns} display columns, "…" marking a cut. */
  public static String fit(String s, int columns) {
    if (of(s) <= columns) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    int used = 0;
    for (int cp : s.codePoints().toArray()) {
      int w = width(cp);
      if (used + w > columns - 1) {
        break;
      }
      out.appendCodePoint(cp);
      used += w;
    }
    return out.append('…').toString();
  }

  static int width(int cp) {
    if (cp < 0x1100) {
      return cp < 0x20 ? 0 : 1;
    }
    boolean wide =
        cp <= 0x115F // Hangul Jamo
            || (cp >= 0x2E80 && cp <= 0x303E) // CJK radicals, punctuation
            || (cp >= 0x3041 && cp <= 0x33FF) // kana, CJK symbols
            || (cp >= 0x3400 && cp <= 0x4DBF) // CJK extension A
            || (cp >= 0x4E00 && cp <= 0x9FFF) // CJK unified ideographs
            || (cp >= 0xA000 && cp <= 0xA4CF) // Yi
            || (cp >= 0xAC00 && cp <= 0xD7A3) // Hangul syllables
            || (cp >= 0xF900 && cp <= 0xFAFF) // CJK compatibility ideographs
            || (cp >= 0xFE30 && cp <= 0xFE4F) // CJK compatibility forms
            || (cp >= 0xFF00 && cp <= 0xFF60) // full-width forms
            || (cp >= 0xFFE0 && cp <= 0xFFE6)
            || (cp >= 0x20000 && cp <= 0x3FFFD); // CJK extensions B and beyond
    return wide ? 2 : 1;
  }
}
