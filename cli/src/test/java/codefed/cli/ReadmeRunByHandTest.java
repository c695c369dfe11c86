package codefed.cli;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.cli.testing.Repository;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Run it by hand" block, run as printed in a fresh directory (with this build as
 * {@code ./codefed} and free ports in place of 9443, 8443 and 9464), and its sample {@code scan}
 * answers compared with what the commands print. A README command that does not run fails here.
 */
class ReadmeRunByHandTest {
  static final Path README = Repository.root().resolve("README.md");

  @TempDir Path dir;

  @Test
  void runByHand_blockRunsAsPrinted_andTheSampleAnswersAreWhatScanPrints() throws Exception {
    String section = section(Files.readString(README), "## Run it by hand");
    List<String> blocks = blocks(section);
    String script =
        blocks.stream().filter(b -> b.startsWith("sh\n")).findFirst().orElseThrow().substring(3);
    List<String> samples =
        blocks.stream().filter(b -> b.startsWith("\n")).map(String::strip).toList();
    assertThat(samples).as("the sample answers in the section").hasSize(2);

    for (String port : List.of("9443", "8443", "9464")) {
      script = script.replace(port, String.valueOf(freePort()));
    }
    Path codefed = dir.resolve("codefed");
    Files.writeString(
        codefed,
        "#!/bin/sh\nexec '"
            + System.getProperty("java.home")
            + "/bin/java' -cp '"
            + System.getProperty("java.class.path")
            + "' codefed.cli.Codefed \"$@\"\n");
    Files.setPosixFilePermissions(codefed, PosixFilePermissions.fromString("rwxr-xr-x"));
    // Background jobs (node, gateway) end with the script, whatever happens.
    Files.writeString(
        dir.resolve("readme.sh"),
        "set -euo pipefail\ntrap 'kill $(jobs -p) 2>/dev/null || true' EXIT\n" + script);

    Process p =
        new ProcessBuilder("bash", "readme.sh")
            .directory(dir.toFile())
            .redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(150, TimeUnit.SECONDS)).as("finished").isTrue();
    String err = Files.readString(dir.resolve("stderr.txt"));

    assertThat(p.exitValue()).as(out + err).isZero();
    assertThat(out).as("metrics line").contains("codefed_decisions_total{");
    assertThat(out).contains("\"outcome\":\"PASS\"");
    for (String sample : samples) {
      assertThat(normalized(out)).as(err).contains(normalized(sample));
    }
  }

  /** Lines that change from run to run: the receipt's time and the answer's age. */
  static String normalized(String text) {
    return text.replaceAll(
            "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\+08:00", "<time>")
        .replaceAll("answered \\d+ s ago", "answered <n> s ago")
        .replaceAll("\\d+ 秒前", "<n> 秒前")
        .replaceAll("[ \\t]+\\n", "\n");
  }

  static String section(String markdown, String heading) {
    int start = markdown.indexOf(heading + "\n");
    assertThat(start).as(heading).isNotNegative();
    int end = markdown.indexOf("\n## ", start + heading.length());
    return markdown.substring(start, end < 0 ? markdown.length() : end);
  }

  /** The fenced blocks, each with its info string on the first line ("sh\n..." or "\n..."). */
  static List<String> blocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^```([a-z]*)\\n(.*?)^```$", Pattern.DOTALL).matcher(markdown);
    while (m.find()) {
      blocks.add(m.group(1) + "\n" + m.group(2));
    }
    return blocks;
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
