package codefed.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Keys are generated at first run and git-ignored: this fails if any is tracked. */
class NoPrivateKeysInGitTest {
  /** A PEM private-key block with actual key material (not just the marker in code or docs). */
  private static final Pattern KEY_BLOCK =
      Pattern.compile(
          "-----BEGIN [A-Z0-9 ]*PRIVATE" + " KEY-----\\s*[A-Za-z0-9+/=\\s]{64,}-----END");

  @Test
  void noTrackedFileContainsAPrivateKey() throws Exception {
    Path root = Path.of("").toAbsolutePath();
    while (root != null && !Files.exists(root.resolve(".git"))) {
      root = root.getParent();
    }
    assumeTrue(root != null, "not a git checkout");
    Process git =
        new ProcessBuilder("git", "ls-files", "-z")
            .directory(root.toFile())
            .redirectErrorStream(false)
            .start();
    byte[] out = git.getInputStream().readAllBytes();
    assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assumeTrue(git.exitValue() == 0, "git unavailable");

    List<String> offenders = new ArrayList<>();
    for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
      if (name.isEmpty()) {
        continue;
      }
      Path file = root.resolve(name);
      if (name.endsWith(".key") || name.endsWith(".p8") || containsPrivateKey(file)) {
        offenders.add(name);
      }
    }
    assertThat(offenders).as("private keys tracked by git").isEmpty();
  }

  private static boolean containsPrivateKey(Path file) throws IOException {
    if (!Files.isRegularFile(file) || Files.size(file) > 4 * 1024 * 1024) {
      return false;
    }
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    return KEY_BLOCK.matcher(text).find();
  }
}
