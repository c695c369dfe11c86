package codefed.signing;

import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.utils.LibraryLoader;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * libsodium, the native library shipped inside {@code lazysodium-java} (loaded through JNA), for
 * the curve25519 operations: Ed25519 signing and verification and X25519 agreement are 2–4× cheaper
 * there than in BouncyCastle's pure Java (see {@link SignatureAlgorithms}). Loaded once; where the
 * bundled library cannot load (an unusual platform), everything falls back to BouncyCastle and says
 * so once in the log.
 */
final class Libsodium {
  private static final Logger LOG = Logger.getLogger(Libsodium.class.getName());

  /** System property that turns the native path off ({@code -Dcodefed.libsodium=false}). */
  static final String PROPERTY = "codefed.libsodium";

  static final int ED25519_PUBLIC_KEY_BYTES = 32;
  static final int ED25519_SECRET_KEY_BYTES = 64;
  static final int ED25519_SIGNATURE_BYTES = 64;

  private static final Optional<SodiumJava> SODIUM = load();

  private Libsodium() {}

  /** The loaded library, or empty when it is off or cannot load here. */
  static Optional<SodiumJava> get() {
    return SODIUM;
  }

  private static Optional<SodiumJava> load() {
    if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      return Optional.empty();
    }
    try {
      SodiumJava sodium = new SodiumJava(LibraryLoader.Mode.BUNDLED_ONLY);
      if (sodium.sodium_init() < 0) {
        LOG.warning("libsodium did not initialize; using BouncyCastle for Ed25519 and X25519");
        return Optional.empty();
      }
      return Optional.of(sodium);
    } catch (RuntimeException | LinkageError e) {
      LOG.log(
          Level.WARNING,
          "libsodium unavailable on this platform; using BouncyCastle for" + " Ed25519 and X25519",
          e);
      return Optional.empty();
    }
  }
}
