package codefed.code;

import java.util.regex.Pattern;

/**
 * Masks personal data for the operator's person-code check; the plain values never appear in a
 * code, an answer or a log.
 */
public final class Masking {
  private static final Pattern RESIDENT_ID = Pattern.compile("\\d{17}[\\dXx]");

  private Masking() {}

  /**
   * Keeps the first character and masks the rest, one {@code *} per character: {@code "张三" → "张*"},
   * {@code "Smith John" → "S*********"}. A one-character name is masked entirely, since keeping it
   * would reveal it.
   */
  public static String maskName(String name) {
    int count = name.codePointCount(0, name.length());
    if (count <= 1) {
      return "*".repeat(count);
    }
    int firstEnd = name.offsetByCodePoints(0, 1);
    return name.substring(0, firstEnd) + "*".repeat(count - 1);
  }

  /**
   * Masks an ID number: an 18-character resident ID keeps its first 4 and last 4 characters ({@code
   * "150802199003071235" → "1508**********1235"}); anything else (a passport number) keeps its
   * first 2 and last 2. Numbers too short to hide anything are masked entirely.
   */
  public static String maskIdNumber(String idNumber) {
    int keep = RESIDENT_ID.matcher(idNumber).matches() ? 4 : 2;
    int length = idNumber.length();
    if (length <= 2 * keep) {
      return "*".repeat(length);
    }
    return idNumber.substring(0, keep)
        + "*".repeat(length - 2 * keep)
        + idNumber.substring(length - keep);
  }
}
