package codefed.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario's numbers as ordered JSON-ready fields (the required ones first: scenario,
 * throughput_per_s, baseline_per_s, ratio_to_baseline, p50_ms, p99_ms, cpu_us_per_op), the targets
 * it checks and free-text notes.
 */
public final class ScenarioResult {
  private final String scenario;
  private final Map<String, Object> fields = new LinkedHashMap<>();
  private final List<TargetCheck> targets = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  public ScenarioResult(String scenario) {
    this.scenario = scenario;
    fields.put("scenario", scenario);
    for (String k :
        List.of(
            "throughput_per_s",
            "baseline_per_s",
            "ratio_to_baseline",
            "p50_ms",
            "p99_ms",
            "cpu_us_per_op")) {
      fields.put(k, null);
    }
  }

  public String scenario() {
    return scenario;
  }

  /** Sets a field (value: Number, String, Boolean, Map, List or null). */
  public ScenarioResult put(String key, Object value) {
    fields.put(key, value);
    return this;
  }

  public Object get(String key) {
    return fields.get(key);
  }

  public double number(String key) {
    return fields.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  public ScenarioResult target(TargetCheck check) {
    targets.add(check);
    return this;
  }

  public ScenarioResult note(String text) {
    notes.add(text);
    return this;
  }

  public Map<String, Object> fields() {
    return Collections.unmodifiableMap(fields);
  }

  public List<TargetCheck> targets() {
    return List.copyOf(targets);
  }

  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** Fields plus targets and notes, as one JSON object. */
  public Map<String, Object> toJsonMap() {
    Map<String, Object> m = new LinkedHashMap<>(fields);
    List<Object> t = new ArrayList<>();
    for (TargetCheck c : targets) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("target", c.target());
      e.put("measured", c.measured());
      e.put("met", c.met());
      e.put("verdict", c.verdict());
      t.add(e);
    }
    if (!t.isEmpty()) {
      m.put("targets", t);
    }
    if (!notes.isEmpty()) {
      m.put("notes", List.copyOf(notes));
    }
    return m;
  }
}
