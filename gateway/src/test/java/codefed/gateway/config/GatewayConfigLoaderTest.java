package codefed.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigLoaderTest {
  @TempDir Path dir;

  static final String VALID =
      """
      jurisdiction: "150000"
      port: 8443
      pki_dir: "pki"
      audit_dir: "var/audit"
      policy_dir: "policies"
      metrics_port: 9464
      node_deadline: "PT0.3S"
      checkpoint_rate_per_second: 20
      peers {
        issuer: "140000"
        addresses: "127.0.0.1:7140"
        addresses: "node-140000.example:7140"
        expected_identity: "spiffe://codefed.example/node/140000"
      }
      """;

  @Test
  void load_validFile_resolvesPathsAgainstItsDirectoryAndFillsDefaults() throws Exception {
    Path file = dir.resolve("gateway.textproto");
    Files.writeString(file, VALID);

    GatewayOptions s = GatewayConfigLoader.load(file);

    assertThat(s.jurisdiction()).isEqualTo("150000");
    assertThat(s.identity()).isEqualTo("150000");
    assertThat(s.pkiDir()).contains(dir.resolve("pki"));
    assertThat(s.policyDir()).contains(dir.resolve("policies"));
    assertThat(s.auditDir()).contains(dir.resolve("var/audit"));
    assertThat(s.hmacKeyFile()).contains(dir.resolve("var/hmac.key"));
    assertThat(s.status().nodeDeadline()).isEqualTo(Duration.ofMillis(300));
    assertThat(s.checkpointRate())
        .isEqualTo(new GatewayOptions.CheckpointRate(20, Duration.ofSeconds(1)));
    assertThat(s.status().maxEntries()).isEqualTo(100_000);
    assertThat(s.policyPoll()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.peers())
        .singleElement()
        .satisfies(p -> assertThat(p.getAddressesList()).hasSize(2));
  }

  @Test
  void parse_everyBadField_isNamedWithTheFile() {
    String text =
        """
        jurisdiction: "Inner Mongolia"
        port: 70000
        metrics_port: -2
        node_deadline: "500ms"
        checkpoint_rate_per_second: -1
        peers { issuer: "140000" addresses: "localhost" expected_identity: "https://node/140000" }
        peers { issuer: "140000" }
        """;

    assertThatThrownBy(() -> GatewayConfigLoader.parse("gw.textproto", text, dir))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "gw.textproto: jurisdiction: \"Inner Mongolia\" (expected: a 6-digit province code such as 150000)")
        .hasMessageContaining("gw.textproto: port: 70000 (expected: 0 to 65535)")
        .hasMessageContaining("gw.textproto: pki_dir: missing")
        .hasMessageContaining("gw.textproto: audit_dir: missing")
        .hasMessageContaining("gw.textproto: metrics_port: -2 (expected: -1 to 65535)")
        .hasMessageContaining("gw.textproto: node_deadline: \"500ms\" is not an ISO-8601 duration")
        .hasMessageContaining("gw.textproto: checkpoint_rate_per_second: -1 (expected: > 0)")
        .hasMessageContaining(
            "gw.textproto: peers[0].addresses[0]: \"localhost\" (expected: host:port)")
        .hasMessageContaining("gw.textproto: peers[0].expected_identity: \"https://node/140000\"")
        .hasMessageContaining("gw.textproto: peers[1].issuer: 140000 listed twice")
        .hasMessageContaining("gw.textproto: peers[1].addresses: empty");
  }

  @Test
  void parse_unknownField_namesLineAndColumn() {
    assertThatThrownBy(
            () ->
                GatewayConfigLoader.parse(
                    "gw.textproto", "jurisdiction: \"150000\"\nprot: 1\n", dir))
        .hasMessageStartingWith("gw.textproto:2:1:");
  }

  @Test
  void load_missingFile_saysSo() {
    assertThatThrownBy(() -> GatewayConfigLoader.load(dir.resolve("nope.textproto")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("nope.textproto: cannot read");
  }
}
