package codefed.gateway.audit;

import codefed.trust.TrustList;
import codefed.trust.TrustListException;
import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.trust.v1.SignedTrustList;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * Every trust list version a gateway used, beside its log: {@code trust-lists/v<version>-<SHA-256
 * prefix>.pb}, the CA-signed bytes as loaded, written once (temp file, fsync, atomic rename,
 * directory fsync) before the version is used. An auditor checks each node answer with the version
 * in force when its record was written, so a log keeps verifying after keys are rotated, retired
 * past their window or revoked.
 */
public final class TrustListArchive {
  public static final String DIR_NAME = "trust-lists";
  private static final String SUFFIX = ".pb";

  private final Path dir;

  /** The archive of the log at {@code logDir}; the directory is made on the first store. */
  public TrustListArchive(Path logDir) {
    this.dir = logDir.resolve(DIR_NAME);
  }

  /** Stores a signed list under its version and hash; does nothing if it is already stored. */
  public synchronized void store(TrustList list) throws IOException {
    byte[] bytes = list.signed().toByteArray();
    Path target =
        dir.resolve(
            String.format(
                "v%010d-%s%s",
                list.version(), HexFormat.of().formatHex(sha256(bytes), 0, 8), SUFFIX));
    if (Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Durability.forceDirectory(dir.getParent());
    }
    Path temp = dir.resolve("." + target.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    Durability.forceDirectory(dir);
  }

  /**
   * Every archived list of the log at {@code logDir}, each verified against the CA (as of its own
   * issue time: a list that was fresh when the gateway used it stays usable as evidence), oldest
   * issued first. Empty when the log predates the archive.
   *
   * @throws IOException naming the file if one is unreadable or does not verify (altered)
   */
  public static List<TrustList> load(Path logDir, X509Certificate ca) throws IOException {
    Path dir = logDir.resolve(DIR_NAME);
    List<TrustList> lists = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return lists;
    }
    List<Path> files;
    try (var s = Files.list(dir)) {
      files = s.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
    }
    for (Path file : files) {
      try {
        SignedTrustList signed = SignedTrustList.parseFrom(Files.readAllBytes(file));
        healthcode.trust.v1.TrustList content =
            healthcode.trust.v1.TrustList.parseFrom(signed.getTrustList());
        Instant issuedAt =
            Instant.ofEpochSecond(
                content.getIssuedAt().getSeconds(), content.getIssuedAt().getNanos());
        lists.add(TrustList.verify(signed, ca, issuedAt));
      } catch (InvalidProtocolBufferException | TrustListException e) {
        throw new IOException(
            file + ": not a trust list signed by the federation CA: " + e.getMessage(), e);
      }
    }
    lists.sort(Comparator.comparing(TrustList::issuedAt).thenComparingLong(TrustList::version));
    return lists;
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }
}
