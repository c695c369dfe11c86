package codefed.gateway.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.SignedCheckpoint;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a log directory without changing it (for the auditor tools): every complete record
 * in order. A torn tail is skipped; use {@link LogVerifier} to check the log first.
 */
public final class LogReader {

  /** Receives each record. */
  @FunctionalInterface
  public interface RecordVisitor {
    void record(AuditRecord record) throws IOException;
  }

  /** Receives each record with its exact stored bytes ({@code data[offset, offset + length)}: what the Merkle tree hashes). */
  @FunctionalInterface
  public interface StoredRecordVisitor {
    void record(AuditRecord record, byte[] data, int offset, int length) throws IOException;
  }

  private LogReader() {}

  public static void forEach(Path logDir, RecordVisitor visitor) throws IOException {
    forEachStored(logDir, (record, data, offset, length) -> visitor.record(record));
  }

  /** Like {@link #forEach}, with each record's stored bytes (for leaf hashes). */
  public static void forEachStored(Path logDir, StoredRecordVisitor visitor) throws IOException {
    for (Path file : Segment.list(logDir)) {
      byte[] data = Files.readAllBytes(file);
      FrameScanner.Result result = FrameScanner.scan(data, (frame, bytes, off, len) -> {
        try {
          visitor.record(AuditRecord.parseFrom(ByteBuffer.wrap(bytes, off, len)), bytes, off, len);
        } catch (InvalidProtocolBufferException e) {
          throw new LogCorruptedException(file, frame, "not an AuditRecord");
        } catch (LogCorruptedException e) {
          throw e;
        } catch (IOException e) {
          throw new LogCorruptedException(file, frame, e.getMessage());
        }
      });
      if (result.ending() == FrameScanner.Ending.CORRUPT) {
        throw new LogCorruptedException(file, result.badOffset(), result.reason());
      }
    }
  }

  /**
   * How many records the newest checkpoint on disk covers (0 without one): the records an
   * auditor can prove today. Its signature is {@link LogVerifier}'s to check.
   */
  public static long checkpointedSize(Path logDir) throws IOException {
    List<SignedCheckpoint> all = CheckpointStore.readAll(logDir, new ArrayList<>());
    return all.isEmpty() ? 0 : Checkpoints.parse(all.get(all.size() - 1)).getTreeSize();
  }

  public static List<AuditRecord> readAll(Path logDir) throws IOException {
    List<AuditRecord> out = new ArrayList<>();
    forEach(logDir, out::add);
    return out;
  }

  /**
   * The log directories under {@code dir}: {@code dir} itself if it holds segments, else each
   * subdirectory that does (a demo with several gateways keeps one log per gateway).
   */
  public static List<Path> logDirectories(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new IOException("--log " + dir + ": no such directory");
    }
    if (!Segment.list(dir).isEmpty() || Files.exists(dir.resolve(CheckpointStore.FILE_NAME))) {
      return List.of(dir);
    }
    List<Path> out = new ArrayList<>();
    try (var children = Files.list(dir)) {
      for (Path child : children.sorted().toList()) {
        if (Files.isDirectory(child) && !Segment.list(child).isEmpty()) {
          out.add(child);
        }
      }
    }
    if (out.isEmpty()) {
      throw new IOException("--log " + dir + ": no audit log here (no segment-*.log files)");
    }
    return out;
  }
}
