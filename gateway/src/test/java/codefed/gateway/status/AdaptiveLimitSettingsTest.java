package codefed.gateway.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdaptiveLimitSettingsTest {

  @Test
  void badBounds_refused_boundNamed() {
    assertThatThrownBy(() -> new AdaptiveLimitSettings(0, 8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("adaptive limit min: 0 (expected: > 0)");
    assertThatThrownBy(() -> new AdaptiveLimitSettings(4, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("adaptive limit max: 2 (expected: >= min 4)");
    assertThatThrownBy(() -> AdaptiveLimitSettings.upTo(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("adaptive limit max: 0 (expected: > 0)");
  }

  @Test
  void upTo_floorOfFour_orTheMaxIfLower() {
    assertThat(AdaptiveLimitSettings.upTo(32)).isEqualTo(new AdaptiveLimitSettings(4, 32));
    assertThat(AdaptiveLimitSettings.upTo(2)).isEqualTo(new AdaptiveLimitSettings(2, 2));
  }

  @Test
  void statusOptions_fixedByDefault_adaptiveOnlyWhenSet_otherValuesKept() {
    StatusSourceOptions defaults = StatusSourceOptions.DEFAULTS;
    assertThat(defaults.adaptiveLimit()).isEmpty();

    StatusSourceOptions adaptive =
        defaults.withAdaptiveLimit(AdaptiveLimitSettings.upTo(defaults.maxConcurrentCalls()));

    assertThat(adaptive.adaptiveLimit()).contains(new AdaptiveLimitSettings(4, 32));
    assertThat(adaptive.withAdaptiveLimit(Optional.empty())).isEqualTo(defaults);
    assertThat(adaptive.maxConcurrentCalls()).isEqualTo(defaults.maxConcurrentCalls());
    assertThat(adaptive.withNodeDeadline(defaults.nodeDeadline()).adaptiveLimit())
        .isEqualTo(adaptive.adaptiveLimit());
    assertThatThrownBy(() -> defaults.withAdaptiveLimit((AdaptiveLimitSettings) null))
        .hasMessage("adaptiveLimit");
  }
}
