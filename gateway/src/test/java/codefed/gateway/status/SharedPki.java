package codefed.gateway.status;

import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One test PKI for all tests of this package (made once per JVM: key generation is the slow
 * part), deleted when the JVM exits.
 */
final class SharedPki {
  static final String[] ISSUERS = {"150000", "140000", "420000"};

  private static PkiDirectory pki;

  private SharedPki() {}

  static synchronized PkiDirectory get() {
    if (pki == null) {
      try {
        Path dir = Files.createTempDirectory("codefed-status-pki");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        pki = TestPki.create(dir.resolve("pki"), ISSUERS);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return pki;
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at exit
    }
  }
}
