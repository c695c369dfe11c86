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
 * Reads a log directory without changing it (for the auditor tools): every complete record in
 * order. A torn tail is skipped; use {@link LogVerifier} to check the log first.
 */
public final class LogReader {

  /** Receives each record. */
  @FunctionalInterface
  public interface RecordVisitor {
    void record(AuditRecord record) throws IOException;
  }

  /**
   * Receives each record with its exact stored bytes ({@code data[offset, offset + length)}: what
   * the Merkle tree hashes).
   */
  @FunctionalInterface
  public interface StoredRecordVisitor {
    void record(AuditRecord record, byte[] data, int offset, int length) throws IOException;
  }

  private LogReader() {}

  /** Turns a record into what the caller keeps of it; may run on several threads at once. */
  @FunctionalInterface
  public interface RecordMapper<T> {
    T map(AuditRecord record);
  }

  /**
   * Like {@link #forEach}, with {@code mapper} run on {@code pool} in chunks of records and {@code
   * sink} given the results in log order on the calling thread (null pool: all inline).
   */
  public static <T> void forEachParallel(
      Path logDir,
      java.util.concurrent.ExecutorService pool,
      RecordMapper<T> mapper,
      java.util.function.Consumer<T> sink)
      throws IOException {
    for (Path file : Segment.list(logDir)) {
      byte[] data = Files.readAllBytes(file);
      List<int[]> frames = new ArrayList<>();
      FrameScanner.Result result =
          FrameScanner.scan(
              data, (frame, bytes, off, len) -> frames.add(new int[] {frame, off, len}));
      List<java.util.concurrent.Callable<List<Object>>> tasks = new ArrayList<>();
      for (int start = 0; start < frames.size(); start += RecordChunks.CHUNK) {
        List<int[]> chunk =
            frames.subList(start, Math.min(frames.size(), start + RecordChunks.CHUNK));
        tasks.add(
            () -> {
              List<Object> out = new ArrayList<>(chunk.size());
              for (int[] f : chunk) {
                try {
                  out.add(mapper.map(AuditRecord.parseFrom(ByteBuffer.wrap(data, f[1], f[2]))));
                } catch (InvalidProtocolBufferException e) {
                  out.add(new LogCorruptedException(file, f[0], "not an AuditRecord"));
                  break;
                }
              }
              return out;
            });
      }
      List<java.util.concurrent.Future<List<Object>>> futures = new ArrayList<>();
      try {
        for (java.util.concurrent.Callable<List<Object>> t : tasks) {
          futures.add(
              pool == null
                  ? java.util.concurrent.CompletableFuture.completedFuture(t.call())
                  : pool.submit(t));
        }
        for (java.util.concurrent.Future<List<Object>> f : futures) {
          for (Object o : f.get()) {
            if (o instanceof LogCorruptedException e) {
              throw e;
            }
            @SuppressWarnings("unchecked")
            T t = (T) o;
            sink.accept(t);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("reading " + file + " interrupted");
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        futures.forEach(f -> f.cancel(false));
      }
      if (result.ending() == FrameScanner.Ending.CORRUPT) {
        throw new LogCorruptedException(file, result.badOffset(), result.reason());
      }
    }
  }

  public static void forEach(Path logDir, RecordVisitor visitor) throws IOException {
    forEachStored(logDir, (record, data, offset, length) -> visitor.record(record));
  }

  /** Like {@link #forEach}, with each record's stored bytes (for leaf hashes). */
  public static void forEachStored(Path logDir, StoredRecordVisitor visitor) throws IOException {
    for (Path file : Segment.list(logDir)) {
      byte[] data = Files.readAllBytes(file);
      FrameScanner.Result result =
          FrameScanner.scan(
              data,
              (frame, bytes, off, len) -> {
                try {
                  visitor.record(
                      AuditRecord.parseFrom(ByteBuffer.wrap(bytes, off, len)), bytes, off, len);
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
   * How many records the newest checkpoint on disk covers (0 without one): the records an auditor
   * can prove today. Its signature is {@link LogVerifier}'s to check.
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
