package codefed.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A working directory for a drill: the user's, or a temporary one removed afterwards. */
final class TempDirs implements AutoCloseable {
  private final Path dir;
  private final boolean temporary;

  private TempDirs(Path dir, boolean temporary) {
    this.dir = dir;
    this.temporary = temporary;
  }

  static TempDirs of(Path userDir, String prefix) throws IOException {
    if (userDir != null) {
      Files.createDirectories(userDir);
      return new TempDirs(userDir.toAbsolutePath(), false);
    }
    return new TempDirs(Files.createTempDirectory(prefix), true);
  }

  Path dir() {
    return dir;
  }

  boolean temporary() {
    return temporary;
  }

  @Override
  public void close() throws IOException {
    if (!temporary) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
