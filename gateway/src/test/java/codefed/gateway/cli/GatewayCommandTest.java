package codefed.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.config.GatewayConfigLoader;
import codefed.gateway.config.GatewayOptions;
import codefed.gateway.status.AdaptiveLimitSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code codefed gateway --node-limit}: parsed, checked, and carried into the status options. */
class GatewayCommandTest {
  @TempDir Path dir;

  private Path config() throws Exception {
    Path file = dir.resolve("gateway.textproto");
    Files.writeString(
        file,
        "jurisdiction: \"150000\"\npki_dir: \"pki\"\naudit_dir: \"audit\"\n"
            + "node_deadline: \"PT0.3S\"\n");
    return file;
  }

  private GatewayCommand parsed(String... args) {
    GatewayCommand command = new GatewayCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void adaptive_reachesTheStatusOptions_upToTheBulkheadSize_fileValuesKept() throws Exception {
    Path file = config();
    GatewayOptions fromFile = GatewayConfigLoader.load(file);

    GatewayOptions options =
        parsed("--config", file.toString(), "--node-limit", "adaptive").options();

    assertThat(options.status().adaptiveLimit())
        .contains(AdaptiveLimitSettings.upTo(fromFile.status().maxConcurrentCalls()));
    assertThat(options.status().withAdaptiveLimit(java.util.Optional.empty()))
        .isEqualTo(fromFile.status());
    assertThat(options.withStatus(fromFile.status())).isEqualTo(fromFile);
  }

  @Test
  void fixedOrLeftOut_fixed_optionsAsInTheFile() throws Exception {
    Path file = config();
    GatewayOptions fromFile = GatewayConfigLoader.load(file);

    assertThat(parsed("--config", file.toString()).options()).isEqualTo(fromFile);
    assertThat(parsed("--config", file.toString(), "--node-limit", "fixed").options())
        .isEqualTo(fromFile);
    assertThat(fromFile.status().adaptiveLimit()).isEmpty();
  }

  @Test
  void unknownNodeLimit_usageError_namesTheValue_gatewayNotStarted() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new GatewayCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));

    int exit = cmd.execute("--config", config().toString(), "--node-limit", "Adaptive");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .contains(
            "Invalid value for option '--node-limit': \"Adaptive\" (expected fixed or adaptive)")
        .doesNotContain("Exception");
    assertThat(out.toString()).doesNotContain("listening");
    assertThat(dir.resolve("audit")).doesNotExist();
  }
}
