package codefed.signing;

import com.goterl.lazysodium.SodiumJava;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * libsodium, the native library shipped inside {@code lazysodium-java} (called through JNA), for
 * Ed25519: signing and verification are 1.5–2.5× cheaper there than in BouncyCastle's pure Java
 * (see {@code SignatureCandidatesBenchmark}). Loaded once per process from a private copy that is
 * deleted right after loading; on a platform the jar ships no library for (anything but Linux
 * x86-64 and arm64 here), or where it cannot load, everything falls back to BouncyCastle and says
 * so once in the log.
 */
public final class Libsodium {
  private static final Logger LOG = Logger.getLogger(Libsodium.class.getName());

  /** System property that turns the native path off ({@code -Dcodefed.libsodium=false}). */
  static final String PROPERTY = "codefed.libsodium";

  static final int ED25519_PUBLIC_KEY_BYTES = 32;
  static final int ED25519_SECRET_KEY_BYTES = 64;
  static final int ED25519_SIGNATURE_BYTES = 64;

  private static final Optional<SodiumJava> SODIUM = load();

  private Libsodium() {}

  /** The loaded library, or empty when it is off or cannot load here. */
  public static Optional<SodiumJava> get() {
    return SODIUM;
  }

  private static Optional<SodiumJava> load() {
    if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      return Optional.empty();
    }
    Optional<String> resource = bundledResource();
    if (resource.isEmpty()) {
      LOG.info(
          "no bundled libsodium for "
              + System.getProperty("os.name")
              + "/"
              + System.getProperty("os.arch")
              + "; using BouncyCastle for Ed25519");
      return Optional.empty();
    }
    try {
      SodiumJava sodium = loadPrivateCopy(resource.get());
      if (sodium.sodium_init() < 0) {
        LOG.warning("libsodium did not initialize; using BouncyCastle for Ed25519");
        return Optional.empty();
      }
      return Optional.of(sodium);
    } catch (IOException | RuntimeException | LinkageError e) {
      LOG.log(Level.WARNING, "libsodium unavailable; using BouncyCastle for Ed25519", e);
      return Optional.empty();
    }
  }

  /** The library inside the lazysodium jar for this platform, if it ships one. */
  private static Optional<String> bundledResource() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux")) {
      return Optional.empty();
    }
    return switch (arch) {
      case "amd64", "x86_64" -> Optional.of("linux64/libsodium.so");
      case "aarch64", "arm64" -> Optional.of("arm64/libsodium.so");
      default -> Optional.empty();
    };
  }

  /**
   * Copies the one library this platform needs into a new directory only this user can read (0700),
   * loads it and deletes it again: nothing is left behind in the temporary directory, and no other
   * user can swap the file between copy and load. (lazysodium's own loader unpacks every platform's
   * library into a new directory per process and never removes them.)
   */
  private static SodiumJava loadPrivateCopy(String resource) throws IOException {
    Path dir =
        Files.createTempDirectory(
            "codefed-libsodium-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path library = dir.resolve("libsodium.so");
    try {
      try (InputStream in = SodiumJava.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException(resource + " missing from the lazysodium jar");
        }
        Files.copy(in, library);
      }
      return new SodiumJava(library.toAbsolutePath().toString());
    } finally {
      Files.deleteIfExists(library); // a loaded library stays mapped after its file is gone
      Files.deleteIfExists(dir);
    }
  }
}
