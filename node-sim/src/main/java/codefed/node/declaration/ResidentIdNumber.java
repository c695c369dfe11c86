package codefed.node.declaration;

import codefed.node.region.Regions;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * The 18-character resident identity number of GB 11643-1999: 6-digit region code (GB/T 2260),
 * 8-digit birth date, 3-digit sequence (odd for men, even for women) and a check character.
 */
public final class ResidentIdNumber {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final String CHECK = "10X98765432";
  private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1800, 1, 1);

  private ResidentIdNumber() {}

  /** The check character for the first 17 digits (weighted sum mod 11). */
  public static char checkCharacter(CharSequence first17) {
    if (first17.length() != 17) {
      throw new IllegalArgumentException(
          "first17: " + first17.length() + " characters (expected: 17)");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      char c = first17.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("first17: non-digit at " + i);
      }
      sum += (c - '0') * WEIGHTS[i];
    }
    return CHECK.charAt(sum % 11);
  }

  /** Upper-cases a trailing {@code x}; the form accepts either. */
  public static String normalize(String id) {
    return id.trim().toUpperCase(Locale.ROOT);
  }

  /**
   * What is wrong with a (normalized) number, or empty when it is valid on {@code today}. Checks
   * run in the order length, format, region, birth date, check digit, so a number with a bad date
   * is reported for its date even when its check digit is also wrong.
   */
  public static Optional<InvalidDeclarationException> problem(
      String id, String field, Regions regions, LocalDate today) {
    if (id.length() != 18) {
      return fail(field, Problem.ID_LENGTH, id.length());
    }
    for (int i = 0; i < 17; i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return fail(field, Problem.ID_FORMAT);
      }
    }
    char last = id.charAt(17);
    if ((last < '0' || last > '9') && last != 'X') {
      return fail(field, Problem.ID_FORMAT);
    }
    if (!regions.hasKnownProvincePrefix(id.substring(0, 6))) {
      return fail(field, Problem.ID_REGION, id.substring(0, 2));
    }
    String date = id.substring(6, 14);
    Optional<LocalDate> birth = birthDate(id);
    if (birth.isEmpty() || birth.get().isBefore(EARLIEST_BIRTH)) {
      return fail(field, Problem.ID_BIRTH_DATE, date);
    }
    if (birth.get().isAfter(today)) {
      return fail(field, Problem.ID_BIRTH_FUTURE, date);
    }
    if (checkCharacter(id.subSequence(0, 17)) != last) {
      return fail(field, Problem.ID_CHECK_DIGIT);
    }
    return Optional.empty();
  }

  /** The birth date encoded in a number, if it is a real date. */
  public static Optional<LocalDate> birthDate(String id) {
    try {
      return Optional.of(
          LocalDate.of(
              Integer.parseInt(id.substring(6, 10)),
              Integer.parseInt(id.substring(10, 12)),
              Integer.parseInt(id.substring(12, 14))));
    } catch (DateTimeException | NumberFormatException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  /** Whether the sequence digit (the 17th character) marks a man (odd). */
  public static boolean isMale(String id) {
    return (id.charAt(16) - '0') % 2 == 1;
  }

  private static Optional<InvalidDeclarationException> fail(
      String field, Problem problem, Object... args) {
    return Optional.of(new InvalidDeclarationException(field, problem, args));
  }
}
