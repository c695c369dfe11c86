package codefed.cli.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** One line of totals under the demo table. */
final class DemoSummary {
  private DemoSummary() {}

  static String outcomes(List<DemoRow> rows) {
    Map<String, Long> counts =
        new TreeMap<>(
            rows.stream()
                .collect(
                    Collectors.groupingBy(
                        r -> r.decision().getOutcome().name().substring("OUTCOME_".length()),
                        Collectors.counting())));
    return counts.entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }
}
