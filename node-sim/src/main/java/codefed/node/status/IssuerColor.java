package codefed.node.status;

import codefed.node.InvalidRequestException;
import healthcode.federation.v1.Color;
import java.util.Objects;

/**
 * A color set by the issuing province's own criteria instead of seed 003's reasons (another
 * province's rules, the national platform's), with the authority's short note saying which. The
 * node reports it with the single reason {@code REASON_ISSUER_CRITERIA} and signs the note into its
 * answers, so the note must be short and must not name a person: at most {@value #MAX_NOTE_LENGTH}
 * characters, printable, no run of {@value #MAX_DIGIT_RUN} + 1 or more digits (nothing that looks
 * like an ID, passport or phone number). Messages name the request field and never repeat the note.
 */
public record IssuerColor(Color color, String note) {
  public static final int MAX_NOTE_LENGTH = 64;

  /** Longest run of digits a note may hold: dates and rule numbers, not ID or phone numbers. */
  public static final int MAX_DIGIT_RUN = 6;

  public IssuerColor {
    Objects.requireNonNull(color, "color");
    Objects.requireNonNull(note, "note");
    if (color != Color.COLOR_GREEN && color != Color.COLOR_YELLOW && color != Color.COLOR_RED) {
      throw new InvalidRequestException(
          "issuer_color: " + color + " (expected: COLOR_GREEN, COLOR_YELLOW or COLOR_RED)");
    }
    note = note.strip();
    checkNote(note);
  }

  private static void checkNote(String note) {
    if (note.isEmpty()) {
      throw new InvalidRequestException(
          "issuer_note: missing (expected: the authority's short note on its criteria)");
    }
    int length = note.codePointCount(0, note.length());
    if (length > MAX_NOTE_LENGTH) {
      throw new InvalidRequestException(
          "issuer_note: " + length + " characters (expected: at most " + MAX_NOTE_LENGTH + ")");
    }
    int digits = 0;
    for (int i = 0; i < note.length(); ) {
      int c = note.codePointAt(i);
      int type = Character.getType(c);
      if (Character.isISOControl(c)
          || type == Character.FORMAT
          || type == Character.UNASSIGNED
          || type == Character.PRIVATE_USE
          || type == Character.SURROGATE
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        throw new InvalidRequestException(
            "issuer_note: non-printable character U+"
                + String.format("%04X", c)
                + " at "
                + i
                + " (expected: printable text)");
      }
      digits = Character.isDigit(c) ? digits + 1 : 0;
      if (digits > MAX_DIGIT_RUN) {
        throw new InvalidRequestException(
            "issuer_note: a run of more than "
                + MAX_DIGIT_RUN
                + " digits (expected: no ID, passport or phone numbers)");
      }
      i += Character.charCount(c);
    }
  }
}
