package codefed.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The sizing arithmetic: gateways = ceil(rate × cpu_us / (utilization × cores × 10⁶)). */
class FleetSizingTest {

  @Test
  void gateways_isTheCeilingOfTheCpuNeededOverOneMachinesBudget() {
    // 10k/s at 100 µs = 1 CPU second per second; a 2-core machine at 60 % gives 1.2: one gateway.
    assertThat(FleetSizing.gateways(10_000, 100, 2, 0.6)).isEqualTo(1);
    // 35k/s at 100 µs = 3.5 CPU s/s over 1.2 per gateway = 2.92: three.
    assertThat(FleetSizing.gateways(35_000, 100, 2, 0.6)).isEqualTo(3);
    // An exact fit is not rounded up: 12k/s at 100 µs = 1.2 exactly.
    assertThat(FleetSizing.gateways(12_000, 100, 2, 0.6)).isEqualTo(1);
    assertThat(FleetSizing.gateways(12_001, 100, 2, 0.6)).isEqualTo(2);
    // Cold decisions cost about ten times more: 60k/s at 900 µs = 54 CPU s/s / 1.2 = 45.
    assertThat(FleetSizing.gateways(60_000, 900, 2, 0.6)).isEqualTo(45);
    assertThat(FleetSizing.gateways(0, 900, 2, 0.6)).isZero();
  }

  @Test
  void table_coversTheThreePeaks_onTwoCoreMachinesAtSixtyPercent() {
    assertThat(FleetSizing.table(150))
        .containsExactly(
            java.util.Map.entry("10k/s", 2),
            java.util.Map.entry("35k/s", 5),
            java.util.Map.entry("60k/s", 8));
  }

  @Test
  void gateways_refusesMeaninglessInput() {
    assertThatThrownBy(() -> FleetSizing.gateways(10_000, 0, 2, 0.6))
        .hasMessageContaining("cpu_us > 0");
    assertThatThrownBy(() -> FleetSizing.gateways(10_000, Double.NaN, 2, 0.6))
        .hasMessageContaining("cpu_us > 0");
    assertThatThrownBy(() -> FleetSizing.gateways(-1, 100, 2, 0.6))
        .hasMessageContaining("rate >= 0");
    assertThatThrownBy(() -> FleetSizing.gateways(10_000, 100, 0, 0.6))
        .hasMessageContaining("cores > 0");
    assertThatThrownBy(() -> FleetSizing.gateways(10_000, 100, 2, 1.5))
        .hasMessageContaining("0 < utilization <= 1");
  }
}
