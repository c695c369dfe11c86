package codefed.gateway.testing;

import codefed.gateway.cases.CaseFile;
import codefed.gateway.cases.RecognitionCase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The repository's {@code testdata/} directory, found by walking up from the module. */
public final class TestData {
  private TestData() {}

  public static Path dir() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isDirectory(p.resolve("testdata"))) {
        return p.resolve("testdata");
      }
      p = p.getParent();
    }
    throw new IllegalStateException("no testdata/ above " + Path.of("").toAbsolutePath());
  }

  public static List<String> lines(String name) {
    try {
      return Files.readAllLines(dir().resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The cases of an acceptance-case file in {@code testdata/}, read as {@code codefed cases} reads
   * them.
   */
  public static List<RecognitionCase> cases(String name) {
    try {
      return CaseFile.read(dir().resolve(name));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Province codes of GB/T 2260 (testdata/provinces.csv). */
  public static Set<String> provinces() {
    return lines("provinces.csv").stream()
        .skip(1)
        .filter(l -> !l.isBlank())
        .map(l -> l.split(",")[0])
        .collect(Collectors.toUnmodifiableSet());
  }
}
