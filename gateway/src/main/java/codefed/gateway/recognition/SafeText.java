package codefed.gateway.recognition;

import java.util.Locale;

/**
 * Makes text that came from outside (a QR's fields, messages derived from them, names) safe for a
 * clear audit record and for a terminal: bounded, and every character that is not printable —
 * controls (newlines, ESC of ANSI sequences, NUL), format characters (bidi overrides), line
 * separators, lone surrogates, private-use and unassigned code points — written as a backslash-u
 * escape with the hex code point in braces (ESC becomes {@code \\u{1B}}), and the backslash itself
 * is doubled, so the result can be read back unambiguously and never moves a cursor or reorders a
 * line.
 */
public final class SafeText {
  private static final String CUT = "…";

  private SafeText() {}

  /**
   * {@code text} escaped and cut to at most {@code maxChars} characters (an ellipsis marks a cut).
   */
  public static String escape(String text, int maxChars) {
    if (maxChars < 2) {
      throw new IllegalArgumentException("maxChars: " + maxChars + " (expected: >= 2)");
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), maxChars) + 8);
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      String piece =
          cp == '\\'
              ? "\\\\"
              : printable(cp)
                  ? new String(Character.toChars(cp))
                  : "\\u{" + Integer.toHexString(cp).toUpperCase(Locale.ROOT) + "}";
      boolean last = i + Character.charCount(cp) >= text.length();
      if (out.length() + piece.length() > (last ? maxChars : maxChars - CUT.length())) {
        return out.append(CUT).toString();
      }
      out.append(piece);
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  /** The first code point that is not printable, or -1. */
  public static int firstUnprintable(String text) {
    return text.codePoints().filter(cp -> !printable(cp)).findFirst().orElse(-1);
  }

  private static boolean printable(int cp) {
    switch (Character.getType(cp)) {
      case Character.CONTROL,
      Character.FORMAT,
      Character.SURROGATE,
      Character.PRIVATE_USE,
      Character.UNASSIGNED,
      Character.LINE_SEPARATOR,
      Character.PARAGRAPH_SEPARATOR:
        return false;
      case Character.SPACE_SEPARATOR:
        return cp == ' ';
      default:
        return true;
    }
  }
}
