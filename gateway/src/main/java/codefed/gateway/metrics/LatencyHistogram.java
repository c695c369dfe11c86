package codefed.gateway.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A labelled Prometheus histogram of durations in seconds, with fixed buckets. */
final class LatencyHistogram {
  static final double[] BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5
  };

  private final String name;
  private final String help;
  private final List<String> labelNames;
  private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

  private static final class Series {
    final LongAdder[] buckets = new LongAdder[BUCKETS.length];
    final LongAdder count = new LongAdder();
    final LongAdder sumNanos = new LongAdder();

    Series() {
      for (int i = 0; i < buckets.length; i++) {
        buckets[i] = new LongAdder();
      }
    }
  }

  LatencyHistogram(String name, String help, String... labelNames) {
    this.name = name;
    this.help = help;
    this.labelNames = List.of(labelNames);
  }

  void observe(long nanos, String... labelValues) {
    Series s = series.computeIfAbsent(List.of(labelValues), k -> new Series());
    double seconds = nanos / 1e9;
    for (int i = 0; i < BUCKETS.length; i++) {
      if (seconds <= BUCKETS[i]) {
        s.buckets[i].increment();
      }
    }
    s.count.increment();
    s.sumNanos.add(nanos);
  }

  long count(String... labelValues) {
    Series s = series.get(List.of(labelValues));
    return s == null ? 0 : s.count.sum();
  }

  void render(PrometheusText text) {
    text.header(name, help, "histogram");
    Map<List<String>, Series> sorted = new TreeMap<>(Counters::compare);
    sorted.putAll(series);
    List<String> bucketLabels = new ArrayList<>(labelNames);
    bucketLabels.add("le");
    sorted.forEach(
        (labels, s) -> {
          for (int i = 0; i < BUCKETS.length; i++) {
            List<String> values = new ArrayList<>(labels);
            values.add(Double.toString(BUCKETS[i]));
            text.sample(name + "_bucket", bucketLabels, values, s.buckets[i].sum());
          }
          List<String> inf = new ArrayList<>(labels);
          inf.add("+Inf");
          text.sample(name + "_bucket", bucketLabels, inf, s.count.sum());
          text.sample(name + "_sum", labelNames, labels, s.sumNanos.sum() / 1e9);
          text.sample(name + "_count", labelNames, labels, s.count.sum());
        });
  }
}
