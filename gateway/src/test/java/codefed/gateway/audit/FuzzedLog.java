package codefed.gateway.audit;

import codefed.merkle.MerkleHasher;
import codefed.merkle.MerkleTree;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Checkpoint;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.SignedCheckpoint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Builds a log directory from fuzz input so that the fuzzer mutates structure around validly
 * framed, validly sequenced and validly signed parts: each piece of a segment or of the checkpoints
 * file is chosen by the input to be a well-formed record (its fields from the input), a correct
 * frame around input bytes, a torn frame, or raw input bytes; checkpoints are signed inside the
 * harness with the gateway's key over a tree size and root that are either right for the records
 * written or taken from the input. Without that, CRCs and signatures would stop almost every input
 * at the first check.
 */
final class FuzzedLog {
  private final Signer signer;

  FuzzedLog(Signer signer) {
    this.signer = signer;
  }

  /** Empties {@code dir} and writes a log into it from {@code in}. */
  void write(FuzzedDataProvider in, Path dir) throws IOException {
    clear(dir);
    MerkleTree tree = new MerkleTree();
    int segments = in.consumeInt(0, 3);
    for (int s = 0; s < segments; s++) {
      String name = segmentName(in, tree.size());
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      int pieces = in.consumeInt(0, 6);
      for (int p = 0; p < pieces; p++) {
        switch (in.consumeInt(0, 3)) {
          case 0 -> {
            long sequence = in.consumeBoolean() ? tree.size() : in.consumeLong();
            byte[] record = record(in, sequence).toByteArray();
            frame(file, record);
            tree.append(MerkleHasher.leafHash(record, 0, record.length));
          }
          case 1 -> frame(file, in.consumeBytes(in.consumeInt(0, 64)));
          case 2 -> {
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            frame(whole, record(in, tree.size()).toByteArray());
            byte[] b = whole.toByteArray();
            file.write(b, 0, in.consumeInt(0, b.length));
          }
          default -> file.write(in.consumeBytes(in.consumeInt(0, 32)));
        }
      }
      Files.write(dir.resolve(name), file.toByteArray());
    }
    if (in.consumeBoolean()) {
      ByteArrayOutputStream file = new ByteArrayOutputStream();
      int pieces = in.consumeInt(0, 3);
      for (int p = 0; p < pieces; p++) {
        switch (in.consumeInt(0, 2)) {
          case 0 -> frame(file, checkpoint(in, tree).toByteArray());
          case 1 -> frame(file, in.consumeBytes(in.consumeInt(0, 64)));
          default -> file.write(in.consumeBytes(in.consumeInt(0, 32)));
        }
      }
      Files.write(dir.resolve(CheckpointStore.FILE_NAME), file.toByteArray());
    }
  }

  private static String segmentName(FuzzedDataProvider in, long next) {
    return switch (in.consumeInt(0, 2)) {
      case 0 -> Segment.fileName(next);
      case 1 -> Segment.fileName(in.consumeLong() & Long.MAX_VALUE);
      // 20 characters of the input where the sequence goes: digits, signs, overflow, letters.
      default -> "segment-" + safe(in.consumeAsciiString(20), 20) + ".log";
    };
  }

  private static String safe(String s, int length) {
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(Character.isLetterOrDigit(c) || c == '-' || c == '+' ? c : '9');
    }
    while (b.length() < length) {
      b.append('9');
    }
    return b.toString();
  }

  private static AuditRecord record(FuzzedDataProvider in, long sequence) {
    AuditRecord.Builder b =
        TestRecords.decision(in.consumeInt(0, 1000)).toBuilder()
            .setSequence(sequence)
            .setNote(in.consumeString(16));
    if (in.consumeBoolean()) {
      // A record written before sealing: the node's answer in the clear, field 13 (now reserved).
      SignedAssertion clear =
          SignedAssertion.newBuilder()
              .setAssertion(ByteString.copyFrom(in.consumeBytes(48)))
              .setKeyId(in.consumeBoolean() ? "140000-ec-1" : in.consumeString(16))
              .setSignature(ByteString.copyFrom(in.consumeBytes(72)))
              .build();
      b.setUnknownFields(
          com.google.protobuf.UnknownFieldSet.newBuilder()
              .addField(
                  13,
                  com.google.protobuf.UnknownFieldSet.Field.newBuilder()
                      .addLengthDelimited(clear.toByteString())
                      .build())
              .build());
    }
    if (in.consumeBoolean()) {
      b.getCodeBuilder().setIssuer(in.consumeString(8));
    }
    if (in.consumeBoolean()) {
      b.setTime(Timestamp.newBuilder().setSeconds(in.consumeLong()).setNanos(in.consumeInt()));
    }
    return b.build();
  }

  private SignedCheckpoint checkpoint(FuzzedDataProvider in, MerkleTree tree) {
    long size = in.consumeBoolean() ? in.consumeLong(0, tree.size()) : in.consumeLong();
    byte[] root =
        size >= 0 && size <= tree.size() && in.consumeBoolean()
            ? tree.root(size)
            : in.consumeBytes(32);
    Checkpoint.Builder cp =
        Checkpoint.newBuilder()
            .setGateway(in.consumeBoolean() ? "150000" : in.consumeString(8))
            .setTreeSize(size)
            .setRootHash(ByteString.copyFrom(root))
            .setTime(Timestamp.newBuilder().setSeconds(in.consumeLong()).setNanos(in.consumeInt()));
    byte[] bytes = cp.build().toByteArray();
    if (in.consumeBoolean()) {
      bytes = in.consumeBytes(40);
    }
    byte[] signature =
        in.consumeBoolean() ? signer.sign(SigningDomain.CHECKPOINT, bytes) : in.consumeBytes(72);
    return SignedCheckpoint.newBuilder()
        .setCheckpoint(ByteString.copyFrom(bytes))
        .setKeyId(in.consumeBoolean() ? signer.keyId() : in.consumeString(40))
        .setSignature(ByteString.copyFrom(signature))
        .build();
  }

  private static void frame(ByteArrayOutputStream out, byte[] record) {
    ByteBuffer b = ByteBuffer.allocate(Frames.HEADER_BYTES + record.length);
    b.putInt(record.length).putInt(Frames.crc(record, 0, record.length)).put(record);
    out.write(b.array(), 0, b.capacity());
  }

  static void clear(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(files::add);
    }
    for (Path f : files) {
      Files.delete(f);
    }
  }
}
