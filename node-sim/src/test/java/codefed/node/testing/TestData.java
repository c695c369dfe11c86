package codefed.node.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code testdata/} by walking up from the working directory. */
public final class TestData {
  private TestData() {}

  public static Path file(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("testdata");
      if (Files.isDirectory(candidate)) {
        return candidate.resolve(name);
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no testdata/ above " + Path.of("").toAbsolutePath());
  }
}
