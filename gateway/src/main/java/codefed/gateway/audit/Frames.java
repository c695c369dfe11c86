package codefed.gateway.audit;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk frame: {@code [u32 length][u32 CRC32C(record)][record]}, big-endian. A record is
 * never empty and never larger than {@link #MAX_RECORD_BYTES}, so zero-filled or garbage tails are
 * recognizable.
 */
final class Frames {
  static final int HEADER_BYTES = 8;
  static final int MAX_RECORD_BYTES = 1 << 20;

  private Frames() {}

  static int crc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    return (int) crc.getValue();
  }

  /** Writes a complete frame for {@code record[offset, offset+length)} into {@code out}. */
  static void put(ByteBuffer out, byte[] record, int offset, int length) {
    out.putInt(length);
    out.putInt(crc(record, offset, length));
    out.put(record, offset, length);
  }

  /**
   * Why the frame at {@code pos} of {@code data[0, end)} is not valid, or {@code null} when it is.
   */
  static String problemAt(byte[] data, int pos, int end) {
    if (end - pos < HEADER_BYTES) {
      return "incomplete frame header (" + (end - pos) + " bytes)";
    }
    int length = ByteBuffer.wrap(data, pos, HEADER_BYTES).getInt();
    if (length <= 0 || length > MAX_RECORD_BYTES) {
      return "bad frame length " + Integer.toUnsignedString(length);
    }
    if ((long) end - pos - HEADER_BYTES < length) {
      return "incomplete record (" + (end - pos - HEADER_BYTES) + " of " + length + " bytes)";
    }
    int stored = ByteBuffer.wrap(data, pos + 4, 4).getInt();
    if (stored != crc(data, pos + HEADER_BYTES, length)) {
      return "bad CRC32C";
    }
    return null;
  }

  static int recordLength(byte[] data, int pos) {
    return ByteBuffer.wrap(data, pos, 4).getInt();
  }
}
