package codefed.bench.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.bench.report.ScenarioResult;
import codefed.gateway.status.NodeLimit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the harness end to end without benchmarking anything: a 1-second baseline (child JVM,
 * mTLS, closed then open loop, CPU clocks) and the results files. Only correctness is checked
 * (every call answered as expected, the fields and files there), never throughput: on a loaded
 * machine a 1-second window may see very few calls.
 */
class BaselineSmokeTest {

  @Test
  void baseline_oneSecond_measuresAndWritesResults(@TempDir Path results) throws Exception {
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
            List.of("-Xmn4m"), // a small young generation: the server collects during the run
            NodeLimit.FIXED,
            codefed.node.assertion.SignBatching.OFF);
    List<ScenarioResult> seen = new ArrayList<>();

    BenchRun.Outcome outcome =
        BenchRun.execute(List.of(new BaselineScenario()), settings, "test", seen::add);

    ScenarioResult r = seen.get(0);
    assertThat(r.get("error")).isNull();
    assertThat(r.number("failed")).isZero();
    assertThat(r.number("operations")).isPositive();
    assertThat(r.number("ratio_to_baseline")).isEqualTo(1.0);
    assertThat(r.get("p99_ms")).isInstanceOf(Number.class);
    assertThat(r.get("generator_cpu_us_per_op")).isInstanceOf(Number.class);
    assertThat(r.get("measures_harness")).isInstanceOf(Boolean.class);
    assertThat(r.targets())
        .extracting(t -> t.target())
        .contains("baseline p99 at half load <= 2 ms (else the run measures the harness)");
    assertThat(r.get("response_from_real_gateway")).isEqualTo(false);
    // The server JVM's collector log was read back: its pauses during the scenario are counted.
    java.util.Map<?, ?> gc = (java.util.Map<?, ?>) r.get("gc_pauses");
    assertThat(gc.get("baseline")).isInstanceOf(java.util.Map.class);
    java.util.Map<?, ?> server = (java.util.Map<?, ?>) gc.get("baseline");
    assertThat(((Number) server.get("pauses")).intValue()).isPositive();
    assertThat(((Number) server.get("longest_ms")).doubleValue()).isPositive();
    assertThat(outcome.report()).exists();
    assertThat(Files.readString(results.resolve("latest.json")))
        .contains("\"scenario\":\"baseline\"");
    assertThat(Files.readString(results.resolve("latest.md"))).contains("| baseline |");
  }
}
