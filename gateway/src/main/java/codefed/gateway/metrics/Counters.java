package codefed.gateway.metrics;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A labelled counter family: one adder per label-value combination. */
final class Counters {
  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final Map<List<String>, LongAdder> values = new ConcurrentHashMap<>();

  Counters(String name, String help, String... labelNames) {
    this.name = name;
    this.help = help;
    this.labelNames = List.of(labelNames);
  }

  void inc(String... labelValues) {
    values.computeIfAbsent(List.of(labelValues), k -> new LongAdder()).increment();
  }

  long get(String... labelValues) {
    LongAdder a = values.get(List.of(labelValues));
    return a == null ? 0 : a.sum();
  }

  /** Sum over every combination whose label {@code index} equals {@code value}. */
  long sumWhere(int index, String value) {
    return values.entrySet().stream()
        .filter(e -> e.getKey().get(index).equals(value))
        .mapToLong(e -> e.getValue().sum())
        .sum();
  }

  Map<List<String>, Long> snapshot() {
    Map<List<String>, Long> out = new TreeMap<>(Counters::compare);
    values.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  void render(PrometheusText text) {
    text.header(name, help, "counter");
    snapshot().forEach((labels, v) -> text.sample(name, labelNames, labels, v));
  }

  static int compare(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
