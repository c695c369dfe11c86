package codefed.gateway.recognition;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash of code ids for audit records: HMAC-SHA256 with a key kept apart from the log, so the
 * log links scans of one code without holding its id. The key id is derived from the key.
 */
public final class CodeIdHasher {
  private static final String ALGORITHM = "HmacSHA256";
  private static final int KEY_BYTES = 32;

  private final SecretKeySpec key;
  private final String keyId;

  public CodeIdHasher(byte[] key) {
    if (key.length < 16) {
      throw new IllegalArgumentException("key: " + key.length + " bytes (expected: >= 16)");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
    this.keyId = "hmac-" + HexFormat.of().formatHex(sha256(key), 0, 8);
  }

  /**
   * The key in {@code file} (64 hex characters), generated with mode 0600 on first use.
   *
   * @throws IOException if the file cannot be read or created, or does not hold a key
   */
  public static CodeIdHasher loadOrCreate(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] fresh = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(fresh);
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      try {
        create(file);
        Files.writeString(file, HexFormat.of().formatHex(fresh) + "\n", StandardCharsets.US_ASCII);
      } catch (FileAlreadyExistsException raced) {
        // Another process created it first: use theirs.
      }
    }
    String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
    try {
      return new CodeIdHasher(HexFormat.of().parseHex(text));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + ": not a hex HMAC key", e);
    }
  }

  private static void create(Path file) throws IOException {
    try {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(file);
    }
  }

  public String keyId() {
    return keyId;
  }

  public ByteString hash(ByteString codeId) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return ByteString.copyFrom(mac.doFinal(codeId.toByteArray()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
