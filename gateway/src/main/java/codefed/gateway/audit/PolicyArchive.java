package codefed.gateway.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Policy documents beside the log: {@code policies/<hex SHA-256>.textproto}, content-addressed,
 * written once (temp file, fsync, atomic rename, directory fsync) and never changed.
 */
public final class PolicyArchive {
  public static final String DIR_NAME = "policies";
  private static final String SUFFIX = ".textproto";

  private final Path dir;

  PolicyArchive(Path logDir) {
    this.dir = logDir.resolve(DIR_NAME);
  }

  void createDirectory() throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Durability.forceDirectory(dir.getParent());
    }
  }

  /** Stores a document under its hash; does nothing if that hash is already stored. */
  synchronized void store(byte[] policyHash, String documentText) throws IOException {
    Path target = file(dir, policyHash);
    if (Files.exists(target)) {
      return;
    }
    Path temp = dir.resolve("." + target.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer bytes = ByteBuffer.wrap(documentText.getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    Durability.forceDirectory(dir);
  }

  /** The document stored for {@code policyHash} in the log at {@code logDir}, if any. */
  public static Optional<String> load(Path logDir, byte[] policyHash) throws IOException {
    Path file = file(logDir.resolve(DIR_NAME), policyHash);
    return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
  }

  private static Path file(Path dir, byte[] policyHash) {
    if (policyHash.length != 32) {
      throw new IllegalArgumentException(
          "policyHash: " + policyHash.length + " bytes (expected: 32)");
    }
    return dir.resolve(HexFormat.of().formatHex(policyHash) + SUFFIX);
  }
}
