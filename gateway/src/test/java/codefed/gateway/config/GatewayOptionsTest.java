package codefed.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayOptionsTest {

  @Test
  void defaults_areTheDocumentedOnes_andIdentityAndHmacKeyFollowTheirSources() {
    GatewayOptions o = GatewayOptions.builder("150000").auditDir(Path.of("/srv/gw/audit")).build();

    assertThat(o.identity()).isEqualTo("150000");
    assertThat(o.hmacKeyFile()).contains(Path.of("/srv/gw/hmac.key"));
    assertThat(o.checkpointRate())
        .isEqualTo(new GatewayOptions.CheckpointRate(50, Duration.ofSeconds(1)));
    assertThat(o.status().nodeDeadline()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.status().maxEntries()).isEqualTo(100_000);
    assertThat(o.policyPoll()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.metricsPort()).isEqualTo(-1);
  }

  @Test
  void outOfRangeValues_areRefusedNamingTheOptionAndWhatIsExpected() {
    assertThatThrownBy(() -> GatewayOptions.builder("150000").nodeDeadline(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("nodeDeadline: PT-1S (expected: > 0)");
    assertThatThrownBy(
            () -> GatewayOptions.builder("150000").checkpointRate(0, Duration.ofSeconds(1)))
        .hasMessage("checkpointRate: 0 (expected: > 0)");
    assertThatThrownBy(() -> GatewayOptions.builder("150000").port(70000).build())
        .hasMessage("port: 70000 (expected: 0 to 65535)");
    assertThatThrownBy(() -> GatewayOptions.builder("150000").callThreads(0).build())
        .hasMessage("callThreads: 0 (expected: > 0)");
    assertThatThrownBy(
            () ->
                GatewayOptions.builder("150000")
                    .maxConnectionAge(Duration.ZERO, Duration.ZERO)
                    .build())
        .hasMessage("maxConnectionAge: PT0S (expected: > 0)");
    assertThatThrownBy(
            () ->
                GatewayOptions.builder("150000").expiry(Duration.ofDays(-1), Duration.ZERO).build())
        .hasMessage("expiryGrace: PT-24H (expected: >= 0)");
  }
}
