package codefed.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.pki.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PopulationCommandTest {
  @TempDir Path dir;

  @Test
  void export_writesOneQrTextPerLine_andOnePngEach() throws Exception {
    TestPki.create(dir.resolve("pki"), "530000");

    int exit =
        new CommandLine(new PopulationCommand())
            .execute(
                "export",
                "--province",
                "530000",
                "--count",
                "3",
                "--seed",
                "9",
                "--pki",
                dir.resolve("pki").toString(),
                "--out",
                dir.resolve("out/qr.txt").toString(),
                "--png",
                dir.resolve("png").toString(),
                "--clock-start",
                "2020-04-08T09:00:00+08:00");

    assertThat(exit).isZero();
    assertThat(Files.readAllLines(dir.resolve("out/qr.txt")))
        .hasSize(3)
        .allSatisfy(l -> assertThat(l).startsWith("HCF1:"));
    assertThat(dir.resolve("png/000002.png")).isRegularFile();
  }

  @Test
  void durations_shortFormsAndIso() {
    DurationConverter c = new DurationConverter();

    assertThat(c.convert("300ms")).isEqualTo(Duration.ofMillis(300));
    assertThat(c.convert("2s")).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.convert("PT0.5S")).isEqualTo(Duration.ofMillis(500));
    assertThatThrownBy(() -> c.convert("soon")).hasMessageContaining("expected: a duration");
  }
}
