package codefed.node.registry;

import java.util.HexFormat;
import java.util.random.RandomGenerator;

/**
 * A 128-bit code id, held as two longs so that a million of them cost 16 bytes each.
 *
 * <p>{@link #toString()} shows only a short prefix: code ids are identifiers and must not appear in
 * clear in logs.
 */
public record CodeId(long high, long low) {

  /** Length of the wire form. */
  public static final int BYTES = 16;

  /** Parses the 16-byte wire form (big-endian). */
  public static CodeId fromBytes(byte[] bytes) {
    if (bytes == null || bytes.length != BYTES) {
      throw new IllegalArgumentException(
          "code_id: "
              + (bytes == null ? "missing" : bytes.length + " bytes")
              + " (expected: 16 bytes)");
    }
    return new CodeId(readLong(bytes, 0), readLong(bytes, 8));
  }

  /** A fresh id from the given generator (a {@code SecureRandom} for real codes). */
  public static CodeId random(RandomGenerator random) {
    return new CodeId(random.nextLong(), random.nextLong());
  }

  /** The 16-byte wire form (big-endian). */
  public byte[] toBytes() {
    byte[] out = new byte[BYTES];
    writeLong(out, 0, high);
    writeLong(out, 8, low);
    return out;
  }

  /** Full hex form, for tests and tools that must print the id (never for logs). */
  public String toHex() {
    return HexFormat.of().formatHex(toBytes());
  }

  @Override
  public String toString() {
    return "CodeId[" + toHex().substring(0, 4) + "…]";
  }

  private static long readLong(byte[] b, int offset) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[offset + i] & 0xFFL);
    }
    return v;
  }

  private static void writeLong(byte[] b, int offset, long v) {
    for (int i = 7; i >= 0; i--) {
      b[offset + i] = (byte) v;
      v >>>= 8;
    }
  }
}
