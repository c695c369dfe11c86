package codefed.gateway.audit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's testdata/ directory by walking up from the module directory. */
public final class TestData {
  private TestData() {}

  public static Path dir() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("testdata"))) {
        return dir.resolve("testdata");
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("no testdata/ above " + System.getProperty("user.dir"));
  }
}
