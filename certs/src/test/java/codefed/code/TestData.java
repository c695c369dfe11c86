package codefed.code;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the repository's {@code testdata/} directory by walking up from the module. */
public final class TestData {
  private TestData() {}

  public static Path dir() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no testdata/ above " + Path.of("").toAbsolutePath());
  }

  public static Path file(String name) {
    return dir().resolve(name);
  }
}
