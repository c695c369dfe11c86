package codefed.gateway.audit;

import codefed.gateway.audit.LogVerifier.VerifiedPoint;
import codefed.merkle.CompactRange;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import healthcode.federation.v1.VerifiedShard;
import healthcode.federation.v1.VerifiedState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code audit verify --state FILE}: per gateway shard, the checkpoint an earlier run verified, as
 * JSON (the {@code VerifiedState} message). Holds sizes and hashes only. Replaced atomically
 * (temporary file, then rename), mode 0644. A file that does not hold together (a frontier that
 * does not give its root) is refused rather than trusted.
 */
public final class VerifiedStateFile {
  static final String FORMAT = "codefed-audit-verified/1";

  private VerifiedStateFile() {}

  /** One shard's entry: the verified point and whether a witness cosigned it. */
  public record Shard(VerifiedPoint point, boolean witnessed) {}

  /** The shards by gateway; empty if the file does not exist yet. */
  public static Map<String, Shard> load(Path file) throws IOException {
    Map<String, Shard> out = new TreeMap<>();
    if (!Files.exists(file)) {
      return out;
    }
    VerifiedState.Builder b = VerifiedState.newBuilder();
    try {
      JsonFormat.parser().merge(Files.readString(file, StandardCharsets.UTF_8), b);
    } catch (InvalidProtocolBufferException e) {
      throw new IOException(
          "--state " + file + ": not a verified-state file (" + e.getMessage() + ")", e);
    }
    if (!b.getFormat().equals(FORMAT)) {
      throw new IOException(
          "--state " + file + ": format \"" + b.getFormat() + "\" (expected: " + FORMAT + ")");
    }
    for (VerifiedShard s : b.getShardsList()) {
      List<byte[]> frontier = s.getFrontierList().stream().map(ByteString::toByteArray).toList();
      VerifiedPoint p;
      try {
        p =
            new VerifiedPoint(
                s.getGateway(), s.getTreeSize(), s.getRootHash().toByteArray(), frontier);
      } catch (IllegalArgumentException e) {
        throw new IOException(
            "--state " + file + ": shard " + s.getGateway() + ": " + e.getMessage(), e);
      }
      if (!MessageDigest.isEqual(CompactRange.of(p.size(), p.frontier()).root(), p.root())) {
        throw new IOException(
            "--state " + file + ": shard " + s.getGateway() + ": frontier does not give root_hash");
      }
      if (out.put(s.getGateway(), new Shard(p, s.getWitnessed())) != null) {
        throw new IOException("--state " + file + ": shard " + s.getGateway() + " given twice");
      }
    }
    return out;
  }

  /** Writes the shards (by gateway), replacing the file atomically. */
  public static void save(Path file, Map<String, Shard> shards) throws IOException {
    VerifiedState.Builder b = VerifiedState.newBuilder().setFormat(FORMAT);
    new TreeMap<>(shards)
        .forEach(
            (gateway, s) ->
                b.addShards(
                    VerifiedShard.newBuilder()
                        .setGateway(gateway)
                        .setTreeSize(s.point().size())
                        .setRootHash(ByteString.copyFrom(s.point().root()))
                        .addAllFrontier(
                            s.point().frontier().stream().map(ByteString::copyFrom).toList())
                        .setWitnessed(s.witnessed())));
    String json = JsonFormat.printer().print(b) + "\n";
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
    Files.writeString(tmp, json, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: its default permissions apply
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
