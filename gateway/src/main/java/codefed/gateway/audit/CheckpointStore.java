package codefed.gateway.audit;

import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.SignedCheckpoint;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Logger;

/**
 * The checkpoints file: signed checkpoints in the same frames as records, appended and forced one
 * by one. A torn last frame is dropped at open, like a torn record.
 */
final class CheckpointStore implements Closeable {
  static final String FILE_NAME = "checkpoints.log";
  private static final Logger LOG = Logger.getLogger(CheckpointStore.class.getName());

  private final FileChannel channel;
  private final List<SignedCheckpoint> checkpoints;

  private CheckpointStore(FileChannel channel, List<SignedCheckpoint> checkpoints) {
    this.channel = channel;
    this.checkpoints = checkpoints;
  }

  /** Opens (or creates) the file, truncating a torn tail; refuses corruption. */
  static CheckpointStore open(Path dir) throws IOException {
    return open(LogStorage.FILES, dir);
  }

  static CheckpointStore open(LogStorage storage, Path dir) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    boolean created = !storage.exists(file);
    FileChannel channel =
        storage.open(
            file,
            EnumSet.of(
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE));
    try {
      if (created) {
        storage.forceDirectory(dir);
      }
      byte[] data = storage.readAllBytes(file);
      List<SignedCheckpoint> loaded = new ArrayList<>();
      FrameScanner.Result result =
          FrameScanner.scan(
              data, (frame, bytes, off, len) -> loaded.add(parse(file, frame, bytes, off, len)));
      if (result.ending() == FrameScanner.Ending.CORRUPT) {
        throw new LogCorruptedException(
            file, result.badOffset(), result.reason() + ", followed by valid frames");
      }
      if (result.ending() == FrameScanner.Ending.TORN_TAIL) {
        LOG.warning(
            () ->
                "audit log: truncating torn tail of "
                    + FILE_NAME
                    + ": "
                    + (data.length - result.validEnd())
                    + " bytes at offset "
                    + result.validEnd());
        channel.truncate(result.validEnd());
        channel.force(true);
      }
      channel.position(result.validEnd());
      return new CheckpointStore(channel, loaded);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Reads every checkpoint without changing the file (for auditors): a torn tail is reported in
   * {@code problems}, damage followed by valid frames throws.
   */
  static List<SignedCheckpoint> readAll(Path dir, List<String> problems) throws IOException {
    Path file = dir.resolve(FILE_NAME);
    List<SignedCheckpoint> loaded = new ArrayList<>();
    if (!Files.exists(file)) {
      return loaded;
    }
    byte[] data = Files.readAllBytes(file);
    FrameScanner.Result result =
        FrameScanner.scan(
            data, (frame, bytes, off, len) -> loaded.add(parse(file, frame, bytes, off, len)));
    if (result.ending() == FrameScanner.Ending.CORRUPT) {
      throw new LogCorruptedException(
          file, result.badOffset(), result.reason() + " followed by valid frames");
    }
    if (!result.clean()) {
      problems.add("byte " + result.badOffset() + ": " + result.reason());
    }
    return loaded;
  }

  private static SignedCheckpoint parse(Path file, int frame, byte[] bytes, int off, int len)
      throws LogCorruptedException {
    try {
      return SignedCheckpoint.parseFrom(ByteBuffer.wrap(bytes, off, len));
    } catch (InvalidProtocolBufferException e) {
      throw new LogCorruptedException(file, frame, "not a SignedCheckpoint");
    }
  }

  List<SignedCheckpoint> all() {
    synchronized (checkpoints) {
      return List.copyOf(checkpoints);
    }
  }

  /** Appends and forces one checkpoint (writer thread). */
  void append(SignedCheckpoint checkpoint) throws IOException {
    byte[] bytes = checkpoint.toByteArray();
    ByteBuffer frame = ByteBuffer.allocate(Frames.HEADER_BYTES + bytes.length);
    Frames.put(frame, bytes, 0, bytes.length);
    frame.flip();
    while (frame.hasRemaining()) {
      channel.write(frame);
    }
    channel.force(false);
    synchronized (checkpoints) {
      checkpoints.add(checkpoint);
    }
  }

  SignedCheckpoint latest() {
    synchronized (checkpoints) {
      return checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
