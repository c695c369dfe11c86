package codefed.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void write_nestedValues_producesCompactJsonWithRoundedNumbersAndNullForNaN() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("scenario", "hot \"repeat\"");
    m.put("throughput_per_s", 31234.56789);
    m.put("ops", 12L);
    m.put("ratio", Double.NaN);
    m.put("met", true);
    m.put("list", List.of(1.5, "a\nb"));
    m.put("none", null);

    assertThat(Json.write(m))
        .isEqualTo(
            "{\"scenario\":\"hot \\\"repeat\\\"\",\"throughput_per_s\":31234.5679,"
                + "\"ops\":12,\"ratio\":null,\"met\":true,\"list\":[1.5,\"a\\nb\"],\"none\":null}");
  }

  @Test
  void scenarioResult_alwaysCarriesTheRequiredFieldsFirst() {
    ScenarioResult r = new ScenarioResult("memory").put("extra", 1);

    assertThat(r.toJsonMap().keySet())
        .startsWith(
            "scenario",
            "throughput_per_s",
            "baseline_per_s",
            "ratio_to_baseline",
            "p50_ms",
            "p99_ms",
            "cpu_us_per_op");
  }

  @Test
  void targetCheck_verdicts() {
    assertThat(TargetCheck.atLeast("x", 0.6, 0.5, "").verdict()).isEqualTo("met");
    assertThat(TargetCheck.atMost("x", 2.5, 2.0, "").verdict()).isEqualTo("missed");
    assertThat(TargetCheck.atLeast("x", Double.NaN, 0.5, "").verdict()).isEqualTo("not measured");
    assertThat(TargetCheck.reported("x", "12 µs").verdict()).isEqualTo("reported");
  }
}
