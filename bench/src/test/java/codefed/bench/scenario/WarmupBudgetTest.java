package codefed.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.status.NodeLimit;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmupBudgetTest {

  @Test
  void extensions_comeOutOfOneBudgetPerRun_andUnusedTimeGoesBack(@TempDir Path results)
      throws Exception {
    BenchSettings settings =
        new BenchSettings(
            Duration.ofSeconds(1),
            Duration.ZERO,
            8,
            1,
            results,
            BenchSettings.NginxMode.SKIP,
            false,
            Duration.ZERO,
            List.of(),
            NodeLimit.FIXED,
            codefed.node.assertion.SignBatching.OFF);
    long budget = BenchContext.WARMUP_EXTENSION_BUDGET.toNanos();
    long thirty = Duration.ofSeconds(30).toNanos();

    try (BenchContext ctx = new BenchContext(settings)) {
      assertThat(ctx.grantWarmupExtension(budget - thirty)).isEqualTo(budget - thirty);
      assertThat(ctx.grantWarmupExtension(2 * thirty)).isEqualTo(thirty);
      assertThat(ctx.grantWarmupExtension(thirty)).isZero();
      ctx.returnWarmupExtension(thirty / 3);
      assertThat(ctx.grantWarmupExtension(thirty)).isEqualTo(thirty / 3);
      assertThat(ctx.grantWarmupExtension(-1)).isZero();
    }
  }
}
