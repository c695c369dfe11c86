package codefed.gateway.testing;

import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One test PKI for every test class in the JVM (creating one costs seconds): issuers 140000,
 * 150000, 420000, 530000 and NATIONAL, gateways for each, checkpoint-1 and auditor-1.
 */
public final class SharedPki {
  private static PkiDirectory pki;

  private SharedPki() {}

  public static synchronized PkiDirectory get() {
    if (pki == null) {
      try {
        Path dir = Files.createTempDirectory("codefed-gateway-test-pki");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
        pki =
            TestPki.create(dir.resolve("pki"), "140000", "150000", "420000", "530000", "NATIONAL");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return pki;
  }

  private static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // best effort at JVM exit
    }
  }
}
