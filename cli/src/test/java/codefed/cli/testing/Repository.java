package codefed.cli.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's root directory (the one holding {@code codefed}), found from the module. */
public final class Repository {
  private Repository() {}

  public static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("codefed")) && Files.isDirectory(p.resolve("proto"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
