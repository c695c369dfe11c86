package codefed.bench.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where results go by default: {@code bench/results} of the source tree the running jar was built
 * from ({@code <root>/bench/target/codefed-bench.jar}), else of the nearest enclosing source tree
 * of the working directory, else {@code ./bench/results}.
 */
final class ResultsLocation {
  private ResultsLocation() {}

  static Path defaultDir() {
    try {
      Path code =
          Path.of(
              ResultsLocation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path p = code.getParent(); p != null; p = p.getParent()) {
        if (isSourceTree(p)) {
          return p.resolve("bench").resolve("results");
        }
      }
    } catch (URISyntaxException | RuntimeException e) {
      // fall through to the working directory
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (isSourceTree(p)) {
        return p.resolve("bench").resolve("results");
      }
    }
    return Path.of("bench", "results").toAbsolutePath();
  }

  private static boolean isSourceTree(Path dir) {
    return Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("bench"));
  }
}
