package codefed.gateway.audit;

import codefed.merkle.MerkleHasher;
import codefed.merkle.MerkleTree;
import healthcode.federation.v1.SignedCheckpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A read-only look at a log directory for auditors' tools (witness checks, receipt proofs): the
 * Merkle tree over its records as they are on disk, its checkpoints, and the exact bytes of one
 * record if asked for. A torn tail is left out, as the gateway would drop it; damage followed by
 * valid frames throws {@link LogCorruptedException}.
 */
public final class LogSnapshot {
  private final MerkleTree tree;
  private final List<SignedCheckpoint> checkpoints;
  private final byte[] wanted;

  private LogSnapshot(MerkleTree tree, List<SignedCheckpoint> checkpoints, byte[] wanted) {
    this.tree = tree;
    this.checkpoints = List.copyOf(checkpoints);
    this.wanted = wanted;
  }

  /** Reads {@code dir}; keeps the bytes of record {@code wantedSequence} (-1: none). */
  public static LogSnapshot read(Path dir, long wantedSequence) throws IOException {
    MerkleTree tree = new MerkleTree();
    byte[][] wanted = new byte[1][];
    for (Path file : Segment.list(dir)) {
      if (Segment.firstSequenceOf(file) != tree.size()) {
        throw new LogCorruptedException(
            file,
            0,
            "segment starts at sequence "
                + Segment.firstSequenceOf(file)
                + ", expected "
                + tree.size()
                + " (records missing)");
      }
      byte[] data = Files.readAllBytes(file);
      FrameScanner.Result result =
          FrameScanner.scan(
              data,
              (frame, bytes, off, len) -> {
                if (tree.size() == wantedSequence) {
                  wanted[0] = Arrays.copyOfRange(bytes, off, off + len);
                }
                tree.append(MerkleHasher.leafHash(bytes, off, len));
              });
      if (result.ending() == FrameScanner.Ending.CORRUPT) {
        throw new LogCorruptedException(file, result.badOffset(), result.reason());
      }
    }
    List<SignedCheckpoint> checkpoints = CheckpointStore.readAll(dir, new ArrayList<>());
    return new LogSnapshot(tree, checkpoints, wanted[0]);
  }

  public long size() {
    return tree.size();
  }

  public MerkleTree tree() {
    return tree;
  }

  public List<SignedCheckpoint> checkpoints() {
    return checkpoints;
  }

  /** The exact bytes of the record asked for at {@link #read}, if the log holds it. */
  public Optional<byte[]> wantedRecord() {
    return Optional.ofNullable(wanted).map(byte[]::clone);
  }
}
