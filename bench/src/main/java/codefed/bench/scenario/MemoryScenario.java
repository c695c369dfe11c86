package codefed.bench.scenario;

import codefed.bench.proc.ChildJvm;
import codefed.bench.report.ScenarioResult;
import codefed.bench.report.TargetCheck;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap after loading 1,000,000 cached statuses into the gateway's status cache, and 1,000,000 codes
 * into a province node, each in a fresh JVM: used heap after a full GC, minus the same before
 * loading.
 */
public final class MemoryScenario implements Scenario {
  static final int ENTRIES = 1_000_000;
  static final double TARGET_MIB = 512;
  private static final String HEAP = "-Xmx3g";

  @Override
  public String name() {
    return "memory";
  }

  @Override
  public boolean usesGateway() {
    return false;
  }

  @Override
  public String description() {
    return "heap after loading 1,000,000 cached statuses and 1,000,000 node codes";
  }

  @Override
  public ScenarioResult run(BenchContext ctx) throws Exception {
    Map<String, List<String>> histograms = new LinkedHashMap<>();
    Map<String, Double> statuses =
        probe(ctx, "memory-statuses", List.of("statuses", Integer.toString(ENTRIES)), histograms);
    Map<String, Double> codes =
        probe(
            ctx,
            "memory-node-codes",
            List.of("node-codes", Integer.toString(ENTRIES), ctx.pki().root().toString()),
            histograms);
    double statusMib = statuses.get("retained_bytes") / 1048576.0;
    double codesMib = codes.get("retained_bytes") / 1048576.0;
    ScenarioResult r = new ScenarioResult(name());
    r.put("cached_statuses", statuses.get("entries"));
    r.put("cached_statuses_heap_mib", statusMib);
    r.put("cached_status_bytes_each", statuses.get("bytes_per_entry"));
    r.put("cached_statuses_load_ms", statuses.get("load_ms"));
    r.put("node_codes", codes.get("entries"));
    r.put("node_codes_heap_mib", codesMib);
    r.put("node_code_bytes_each", codes.get("bytes_per_entry"));
    r.put("node_codes_load_ms", codes.get("load_ms"));
    r.put("cached_statuses_top_classes", histograms.get("memory-statuses"));
    r.put("node_codes_top_classes", histograms.get("memory-node-codes"));
    r.put(
        "probe_jvm", HEAP + ", default collector (G1); heap used after System.gc(), minus before");
    r.target(
        TargetCheck.atMost(
            "1,000,000 cached statuses <= 512 MiB heap",
            statusMib,
            TARGET_MIB,
            String.format(
                Locale.ROOT,
                "%.0f MiB (%.0f bytes each)",
                statusMib,
                statuses.get("bytes_per_entry"))));
    r.target(
        TargetCheck.reported(
            "1,000,000 node codes: heap",
            String.format(
                Locale.ROOT,
                "%.0f MiB (%.0f bytes each)",
                codesMib,
                codes.get("bytes_per_entry"))));
    return r;
  }

  private static Map<String, Double> probe(
      BenchContext ctx, String name, List<String> args, Map<String, List<String>> histograms)
      throws Exception {
    try (ChildJvm child =
        ctx.startChild(name, "codefed.bench.memory.MemoryProbe", List.of(HEAP), args)) {
      String json = child.awaitReady(Duration.ofMinutes(5));
      histograms.put(name, strings(json.substring(Math.max(0, json.indexOf("\"top_classes\"")))));
      return numbers(json.substring(0, Math.max(0, json.indexOf("\"top_classes\""))));
    }
  }

  static List<String> strings(String jsonArrayTail) {
    List<String> out = new java.util.ArrayList<>();
    Matcher m = Pattern.compile("\"([^\"]*)\"").matcher(jsonArrayTail);
    while (m.find()) {
      if (!m.group(1).equals("top_classes")) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  static Map<String, Double> numbers(String json) {
    Map<String, Double> m = new LinkedHashMap<>();
    Matcher matcher = Pattern.compile("\"(\\w+)\":(-?[0-9.]+)").matcher(json);
    while (matcher.find()) {
      m.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
    }
    return m;
  }
}
