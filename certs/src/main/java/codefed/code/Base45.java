package codefed.code;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/**
 * Base45 (RFC 9285): the QR-friendly encoding of the health code's bytes.
 *
 * <p>Decoding is strict: characters outside the 45-character alphabet, a dangling single character
 * and groups whose value does not fit their byte count are refused.
 */
public final class Base45 {
  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  private static final int[] VALUES = new int[128];

  static {
    Arrays.fill(VALUES, -1);
    for (int i = 0; i < ALPHABET.length(); i++) {
      VALUES[ALPHABET.charAt(i)] = i;
    }
  }

  private Base45() {}

  /** Encodes bytes: two bytes become three characters, a trailing byte two characters. */
  public static String encode(byte[] bytes) {
    StringBuilder out = new StringBuilder((bytes.length + 1) / 2 * 3);
    int i = 0;
    for (; i + 1 < bytes.length; i += 2) {
      int n = ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
      out.append(ALPHABET.charAt(n % 45));
      n /= 45;
      out.append(ALPHABET.charAt(n % 45));
      out.append(ALPHABET.charAt(n / 45));
    }
    if (i < bytes.length) {
      int n = bytes[i] & 0xff;
      out.append(ALPHABET.charAt(n % 45));
      out.append(ALPHABET.charAt(n / 45));
    }
    return out.toString();
  }

  /**
   * Decodes Base45 text.
   *
   * @throws IllegalArgumentException naming the problem and its position
   */
  public static byte[] decode(String text) {
    int length = text.length();
    if (length % 3 == 1) {
      throw new IllegalArgumentException(
          "base45: "
              + length
              + " characters leave a dangling single character (expected: length % 3 != 1)");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(length / 3 * 2 + 1);
    int i = 0;
    for (; i + 2 < length; i += 3) {
      int n = value(text, i) + value(text, i + 1) * 45 + value(text, i + 2) * 45 * 45;
      if (n > 0xffff) {
        throw new IllegalArgumentException(
            "base45: group at " + i + " has value " + n + " (expected: <= 65535)");
      }
      out.write(n >> 8);
      out.write(n & 0xff);
    }
    if (i < length) {
      int n = value(text, i) + value(text, i + 1) * 45;
      if (n > 0xff) {
        throw new IllegalArgumentException(
            "base45: final pair at " + i + " has value " + n + " (expected: <= 255)");
      }
      out.write(n);
    }
    return out.toByteArray();
  }

  private static int value(String text, int index) {
    char c = text.charAt(index);
    int v = c < VALUES.length ? VALUES[c] : -1;
    if (v < 0) {
      throw new IllegalArgumentException(
          "base45: character U+"
              + String.format("%04X", (int) c)
              + " at "
              + index
              + " (expected: one of the 45-character alphabet)");
    }
    return v;
  }
}
