package codefed.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.bench.scenario.BenchSettings;
import codefed.gateway.status.NodeLimit;
import codefed.node.assertion.SignBatching;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code codefed bench --node-limit} and {@code --sign-batch}: parsed like the gateway's and the
 * node's flags, named in the settings.
 */
class BenchNodeLimitTest {

  private static BenchCommand parsed(String... args) {
    BenchCommand command = new BenchCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  private static BenchSettings settings(NodeLimit limit) {
    return settings(limit, SignBatching.OFF);
  }

  private static BenchSettings settings(NodeLimit limit, SignBatching signBatching) {
    return new BenchSettings(
        Duration.ofSeconds(1),
        Duration.ZERO,
        8,
        1,
        Path.of("results"),
        BenchSettings.NginxMode.SKIP,
        false,
        Duration.ZERO,
        List.of(),
        limit,
        signBatching);
  }

  @Test
  void flag_parsed_fixedWhenLeftOut() {
    assertThat(parsed("cold", "--node-limit", "adaptive").nodeLimit).isEqualTo(NodeLimit.ADAPTIVE);
    assertThat(parsed("cold").nodeLimit).isEqualTo(NodeLimit.FIXED);
  }

  @Test
  void unknownValue_usageError_namesIt() {
    assertThatThrownBy(() -> parsed("cold", "--node-limit", "vegas"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage(
            "Invalid value for option '--node-limit': \"vegas\" (expected fixed or adaptive)");
  }

  @Test
  void settings_nameTheLimit_forTheReport() {
    assertThat(settings(NodeLimit.ADAPTIVE).toJsonMap()).containsEntry("node_limit", "adaptive");
    assertThat(settings(NodeLimit.FIXED).toJsonMap()).containsEntry("node_limit", "fixed");
    assertThatThrownBy(() -> settings(null)).hasMessage("nodeLimit");
  }

  @Test
  void signBatch_parsedLikeTheNodes_250usWhenLeftOut_namedInTheSettings() {
    assertThat(parsed("cold").signBatching).isEqualTo(SignBatching.DEFAULT);
    assertThat(parsed("cold", "--sign-batch", "off").signBatching).isEqualTo(SignBatching.OFF);
    SignBatching window = parsed("cold", "--sign-batch", "250us").signBatching;
    assertThat(window.window()).isEqualTo(Duration.ofNanos(250_000));
    assertThat(window.label()).isEqualTo("250us");
    assertThatThrownBy(() -> parsed("cold", "--sign-batch", "soon"))
        .isInstanceOf(CommandLine.ParameterException.class)
        .hasMessage(
            "Invalid value for option '--sign-batch': 'soon' (expected: off, or a window such as"
                + " 250us or 1ms)");
    assertThat(settings(NodeLimit.FIXED, window).toJsonMap()).containsEntry("sign_batch", "250us");
  }
}
