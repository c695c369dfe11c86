package codefed.gateway.audit;

import codefed.merkle.MerkleHasher;
import codefed.merkle.MerkleTree;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.logging.Logger;

/**
 * Reopens a log at start: reads every segment, rebuilds the Merkle tree and the frame index,
 * truncates a torn tail of the last segment (an append cut short by a crash: never acknowledged)
 * and refuses anything else — a bad frame followed by valid ones, a bad frame in a sealed segment,
 * a gap in sequences — naming the segment file and byte offset.
 */
final class LogRecovery {
  private static final Logger LOG = Logger.getLogger(LogRecovery.class.getName());

  record Recovered(List<Segment> segments, MerkleTree tree) {}

  private LogRecovery() {}

  static Recovered recover(Path dir) throws IOException {
    return recover(LogStorage.FILES, dir);
  }

  static Recovered recover(LogStorage storage, Path dir) throws IOException {
    List<Path> files = Segment.list(storage, dir);
    List<Segment> segments = new ArrayList<>();
    MerkleTree tree = new MerkleTree();
    try {
      for (int i = 0; i < files.size(); i++) {
        boolean last = i == files.size() - 1;
        segments.add(recoverSegment(storage, files.get(i), last, tree));
      }
      if (segments.isEmpty()) {
        segments.add(create(storage, dir, 0));
      }
      return new Recovered(segments, tree);
    } catch (IOException | RuntimeException e) {
      for (Segment s : segments) {
        s.close();
      }
      throw e;
    }
  }

  /** Creates an empty segment file and makes its name durable. */
  static Segment create(LogStorage storage, Path dir, long firstSequence) throws IOException {
    Path file = dir.resolve(Segment.fileName(firstSequence));
    FileChannel channel =
        storage.open(
            file,
            EnumSet.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE));
    storage.forceDirectory(dir);
    return new Segment(file, firstSequence, channel, 0);
  }

  private static Segment recoverSegment(
      LogStorage storage, Path file, boolean last, MerkleTree tree) throws IOException {
    long first = Segment.firstSequenceOf(file);
    if (first != tree.size()) {
      throw new LogCorruptedException(
          file, 0, "segment starts at sequence " + first + ", expected " + tree.size());
    }
    byte[] data = storage.readAllBytes(file);
    FileChannel channel =
        last
            ? storage.open(file, EnumSet.of(StandardOpenOption.READ, StandardOpenOption.WRITE))
            : storage.open(file, EnumSet.of(StandardOpenOption.READ));
    Segment segment = new Segment(file, first, channel, 0);
    try {
      FrameScanner.Result result =
          FrameScanner.scan(
              data,
              (frame, bytes, off, len) -> {
                long expected = tree.size();
                long stored = RecordBytes.sequenceOf(bytes, off, len);
                if (stored != expected) {
                  throw new LogCorruptedException(
                      file, frame, "record has sequence " + stored + ", expected " + expected);
                }
                tree.append(MerkleHasher.leafHash(bytes, off, len));
                segment.addFrame(frame, Frames.HEADER_BYTES + len);
              });
      if (result.ending() == FrameScanner.Ending.CORRUPT || (!result.clean() && !last)) {
        throw new LogCorruptedException(
            file,
            result.badOffset(),
            result.reason() + (last ? ", followed by valid frames" : " in a sealed segment"));
      }
      if (result.ending() == FrameScanner.Ending.TORN_TAIL) {
        long dropped = data.length - result.validEnd();
        LOG.warning(
            () ->
                "audit log: truncating torn tail of "
                    + file.getFileName()
                    + ": "
                    + dropped
                    + " bytes at offset "
                    + result.validEnd()
                    + " ("
                    + result.reason()
                    + ")");
        channel.truncate(result.validEnd());
        channel.force(true);
      }
      return segment;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }
}
