package codefed.bench.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every scenario by name, in the order {@code all} runs them. */
public final class Scenarios {
  private Scenarios() {}

  public static Map<String, Scenario> all() {
    Map<String, Scenario> m = new LinkedHashMap<>();
    for (Scenario s :
        List.<Scenario>of(
            new BaselineScenario(),
            new PeerScenario(),
            new HotScenario(),
            new ColdScenario(),
            new MixedScenario(),
            new NodeDownScenario(),
            new StreamScenario(),
            new AuditAppendScenario(),
            new MemoryScenario(),
            new MicroScenario(),
            new FleetScenario())) {
      m.put(s.name(), s);
    }
    return m;
  }

  /** The scenarios a command-line argument names ({@code all} or one name). */
  public static List<Scenario> select(String name) {
    Map<String, Scenario> all = all();
    if (name.equals("all")) {
      return new ArrayList<>(all.values());
    }
    Scenario s = all.get(name);
    if (s == null) {
      throw new IllegalArgumentException(
          "scenario: "
              + name
              + " (expected: all or one of "
              + String.join(", ", all.keySet())
              + ")");
    }
    return List.of(s);
  }

  /**
   * A target that answered nothing, or failed more calls than it answered, is broken rather than
   * slow: say why and stop. A slow one (a loaded machine, a short window) is only slow.
   */
  static void requireProgress(String label, Measured max) {
    if (max.load().completed() == 0 || max.load().failed() > max.load().completed()) {
      throw new IllegalStateException(
          label
              + ": only "
              + max.load().completed()
              + " operations succeeded ("
              + max.load().failed()
              + " failed: "
              + max.load().failureSamples()
              + ")");
    }
  }
}
