package codefed.cli.demo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet demo's gateway JVM is ready only when this start says so, not an earlier one. */
class GatewayProcessTest {
  @TempDir Path dir;

  @Test
  void outputOfAnEarlierDemo_saysListening_thisStartFails_notTakenForReady() throws Exception {
    Path output = dir.resolve("150000-a.out");
    Files.writeString(
        output,
        "codefed gateway: 150000-a for 150000 listening on port 40839 (node limit fixed)\n");
    GatewayProcess gateway =
        new GatewayProcess("150000-a", dir.resolve("no-such-config.textproto"), output);

    gateway.start();

    assertThatThrownBy(gateway::awaitListening)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("gateway 150000-a exited with ");
  }
}
