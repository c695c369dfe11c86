package codefed.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.bench.report.ScenarioResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the harness end to end without benchmarking anything: a 1-second baseline (child JVM,
 * mTLS, closed then open loop, CPU clocks) and the results files. Numbers are not checked.
 */
class BaselineSmokeTest {

  @Test
  void baseline_oneSecond_measuresAndWritesResults(@TempDir Path results) throws Exception {
    BenchSettings settings = new BenchSettings(Duration.ofSeconds(1), Duration.ZERO, 8, 1, results,
        BenchSettings.NginxMode.SKIP, false,
        Duration.ZERO, List.of());
    List<ScenarioResult> seen = new ArrayList<>();

    BenchRun.Outcome outcome = BenchRun.execute(List.of(new BaselineScenario()), settings,
        "test", seen::add);

    ScenarioResult r = seen.get(0);
    assertThat(r.get("error")).isNull();
    assertThat(r.number("throughput_per_s")).isPositive();
    assertThat(r.number("ratio_to_baseline")).isEqualTo(1.0);
    assertThat(r.number("p99_ms")).isPositive();
    assertThat(r.number("cpu_us_per_op")).isPositive();
    assertThat(r.get("response_from_real_gateway")).isEqualTo(false);
    assertThat(outcome.report()).exists();
    assertThat(Files.readString(results.resolve("latest.json"))).contains("\"scenario\":\"baseline\"");
    assertThat(Files.readString(results.resolve("latest.md"))).contains("| baseline |");
  }
}
