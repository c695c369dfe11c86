package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeLimitTest {

  @Test
  void labels_parseBack_nothingElse() {
    assertThat(NodeLimit.parse("fixed")).isEqualTo(NodeLimit.FIXED);
    assertThat(NodeLimit.parse("adaptive")).isEqualTo(NodeLimit.ADAPTIVE);
    assertThat(NodeLimit.ADAPTIVE.label()).isEqualTo("adaptive");
    assertThatThrownBy(() -> NodeLimit.parse("ADAPTIVE"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("node limit: ADAPTIVE (expected: fixed or adaptive)");
  }

  @Test
  void adaptive_upToTheBulkheadSize_fixedClearsIt_nothingElseChanged() {
    StatusSourceOptions small = StatusSourceOptions.DEFAULTS.withBulkhead(6, Duration.ofSeconds(1));

    StatusSourceOptions adaptive = NodeLimit.ADAPTIVE.applyTo(small);

    assertThat(adaptive.adaptiveLimit()).contains(new AdaptiveLimitSettings(4, 6));
    assertThat(NodeLimit.FIXED.applyTo(adaptive)).isEqualTo(small);
    assertThat(NodeLimit.FIXED.applyTo(small)).isEqualTo(small);
  }
}
