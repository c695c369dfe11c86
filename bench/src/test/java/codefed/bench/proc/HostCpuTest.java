package codefed.bench.proc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HostCpuTest {

  @Test
  void stealShare_isStolenTicksOverAllTicks_betweenTwoSamples() {
    HostCpu before = HostCpu.parse("cpu  100 0 50 800 10 0 0 40 0 0");
    HostCpu after = HostCpu.parse("cpu  200 0 100 1000 10 0 0 140 0 0");

    // 450 ticks passed (100 user, 50 system, 200 idle, 100 steal): 100 / 450 stolen.
    assertThat(after.stealShareSince(before).getAsDouble()).isEqualTo(100.0 / 450);
  }

  @Test
  void noTimePassed_orAnOldKernelWithoutSteal_givesNothingToDivide() {
    HostCpu same = HostCpu.parse("cpu 1 2 3 4");
    assertThat(same.stealShareSince(same)).isEmpty();
    assertThat(HostCpu.parse("cpu 1 2 3 4").steal()).isZero();
  }

  @Test
  void aPerCpuLine_isRefused() {
    assertThatThrownBy(() -> HostCpu.parse("cpu0 1 2 3 4"))
        .hasMessageStartingWith("not the aggregate cpu line");
  }
}
