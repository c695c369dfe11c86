package codefed.gateway.audit;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * One segment file, named after the sequence of its first record, with the offset of every frame.
 * The writer thread adds frames; any thread reads records below the published log size with
 * positional reads (safe alongside appends).
 */
final class Segment implements Closeable {
  private static final String PREFIX = "segment-";
  private static final String SUFFIX = ".log";
  private static final String MAX_SEQUENCE = String.format("%020d", Long.MAX_VALUE);

  private final Path path;
  private final long firstSequence;
  private final FileChannel channel;
  private volatile long[] offsets = new long[256];
  private int count;
  private long end;

  Segment(Path path, long firstSequence, FileChannel channel, long end) {
    this.path = path;
    this.firstSequence = firstSequence;
    this.channel = channel;
    this.end = end;
  }

  static String fileName(long firstSequence) {
    return String.format("%s%020d%s", PREFIX, firstSequence, SUFFIX);
  }

  /** Segment files of a log directory in sequence order. */
  static List<Path> list(Path dir) throws IOException {
    return list(LogStorage.FILES, dir);
  }

  static List<Path> list(LogStorage storage, Path dir) throws IOException {
    return storage.list(dir).stream().filter(Segment::isSegmentFile).sorted().toList();
  }

  static boolean isSegmentFile(Path p) {
    String name = p.getFileName().toString();
    return name.startsWith(PREFIX)
        && name.endsWith(SUFFIX)
        && name.length() == PREFIX.length() + 20 + SUFFIX.length();
  }

  /**
   * The sequence a segment file's name gives its first record.
   *
   * @throws LogCorruptedException if the 20 characters are not a decimal number below 2^63 (a name
   *     no gateway writes)
   */
  static long firstSequenceOf(Path file) throws LogCorruptedException {
    String name = file.getFileName().toString();
    String digits = name.substring(PREFIX.length(), PREFIX.length() + 20);
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9') || digits.compareTo(MAX_SEQUENCE) > 0) {
      throw new LogCorruptedException(
          file,
          0,
          "segment name: \""
              + digits
              + "\" is not a sequence number (expected: 20 digits, at most "
              + MAX_SEQUENCE
              + ")");
    }
    return Long.parseLong(digits);
  }

  Path path() {
    return path;
  }

  long firstSequence() {
    return firstSequence;
  }

  FileChannel channel() {
    return channel;
  }

  /** Bytes written so far (writer thread). */
  long end() {
    return end;
  }

  /** Records a frame written at {@code offset} of {@code frameBytes} (writer thread). */
  void addFrame(long offset, int frameBytes) {
    long[] current = offsets;
    if (count == current.length) {
      current = Arrays.copyOf(current, current.length * 2);
      offsets = current;
    }
    current[count++] = offset;
    end = offset + frameBytes;
  }

  /** Byte offset of the frame holding {@code sequence}. */
  long offsetOf(long sequence) {
    return offsets[(int) (sequence - firstSequence)];
  }

  /** The exact stored bytes of a record of this segment below the published size. */
  byte[] read(long sequence) throws IOException {
    long offset = offsetOf(sequence);
    ByteBuffer header = ByteBuffer.allocate(Frames.HEADER_BYTES);
    readFully(header, offset);
    int length = header.getInt(0);
    if (length <= 0 || length > Frames.MAX_RECORD_BYTES) {
      throw new LogCorruptedException(path, offset, "bad frame length " + length);
    }
    ByteBuffer record = ByteBuffer.allocate(length);
    readFully(record, offset + Frames.HEADER_BYTES);
    byte[] bytes = record.array();
    if (header.getInt(4) != Frames.crc(bytes, 0, length)) {
      throw new LogCorruptedException(path, offset, "bad CRC32C");
    }
    return bytes;
  }

  private void readFully(ByteBuffer buffer, long position) throws IOException {
    long pos = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, pos);
      if (n < 0) {
        throw new LogCorruptedException(path, position, "unexpected end of segment");
      }
      pos += n;
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
