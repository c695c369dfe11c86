package codefed.gateway.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Test helpers that look at and damage log files directly. */
public final class LogFiles {
  private LogFiles() {}

  /**
   * Copies the log's files (not the lock) as a crash would leave them: everything acknowledged is
   * synced.
   */
  public static Path snapshot(Path logDir, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(logDir)) {
      for (Path p : files.toList()) {
        Path dest = target.resolve(logDir.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else if (!p.getFileName().toString().equals("lock")) {
          Files.copy(p, dest);
        }
      }
    }
    return target;
  }

  public static List<Path> segments(Path logDir) {
    try {
      return Segment.list(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path lastSegment(Path logDir) {
    List<Path> s = segments(logDir);
    return s.get(s.size() - 1);
  }

  /** Frame start offsets of a segment file. */
  public static List<Integer> frameOffsets(Path segment) throws IOException {
    byte[] data = Files.readAllBytes(segment);
    java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
    FrameScanner.scan(data, (frame, bytes, off, len) -> out.add(frame));
    return out;
  }

  /**
   * Rewrites record {@code index} of a segment with new bytes and a correct CRC (a careful
   * attacker).
   */
  public static void replaceRecord(Path segment, int index, byte[] newRecord) throws IOException {
    List<byte[]> records = records(segment);
    records.set(index, newRecord);
    writeRecords(segment, records);
  }

  public static List<byte[]> records(Path segment) throws IOException {
    byte[] data = Files.readAllBytes(segment);
    java.util.ArrayList<byte[]> out = new java.util.ArrayList<>();
    FrameScanner.scan(
        data,
        (frame, bytes, off, len) -> out.add(java.util.Arrays.copyOfRange(bytes, off, off + len)));
    return out;
  }

  public static void writeRecords(Path segment, List<byte[]> records) throws IOException {
    int total = records.stream().mapToInt(r -> r.length + Frames.HEADER_BYTES).sum();
    ByteBuffer buf = ByteBuffer.allocate(total);
    for (byte[] r : records) {
      Frames.put(buf, r, 0, r.length);
    }
    Files.write(segment, buf.array());
  }

  public static void flipByte(Path file, long offset) throws IOException {
    byte[] data = Files.readAllBytes(file);
    data[(int) offset] ^= 0x5A;
    Files.write(file, data);
  }

  public static void truncate(Path file, long size) throws IOException {
    try (var ch =
        java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(size);
    }
  }
}
