package codefed.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders a run as Markdown: summary table, targets with verdicts, then each scenario's fields. */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(RunInfo run, List<ScenarioResult> results) {
    StringBuilder md = new StringBuilder();
    md.append("# codefed benchmark run ").append(run.startedAt()).append("\n\n");
    md.append("Command: `").append(run.command()).append("`  \n");
    md.append("Machine: ").append(run.machine()).append("  \n");
    md.append("Load average: ")
        .append(run.loadAtStart())
        .append(" at start, ")
        .append(run.loadAtEnd())
        .append(" at end  \n");
    if (!Double.isNaN(run.stealShare())) {
      md.append(
          String.format(
              Locale.ROOT,
              "CPU stolen by the hypervisor during the run: %.1f %%  \n",
              100 * run.stealShare()));
    }
    md.append("Settings: ").append(Json.write(run.settings())).append("\n\n");

    md.append(summary(results));
    appendDetails(md, results);
    return md.toString();
  }

  /** The summary table and the targets with their verdicts. */
  public static String summary(List<ScenarioResult> results) {
    StringBuilder md = new StringBuilder();
    md.append("## Summary\n\n");
    md.append(
        "| scenario | throughput/s | × baseline | p50 ms | p99 ms | CPU µs/op | baseline CPU µs/call |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|\n");
    for (ScenarioResult r : results) {
      md.append("| ")
          .append(r.scenario())
          .append(" | ")
          .append(fmt(r.number("throughput_per_s"), 0))
          .append(" | ")
          .append(fmt(r.number("ratio_to_baseline"), 2))
          .append(" | ")
          .append(fmt(r.number("p50_ms"), 3))
          .append(" | ")
          .append(fmt(r.number("p99_ms"), 3))
          .append(" | ")
          .append(fmt(r.number("cpu_us_per_op"), 1))
          .append(" | ")
          .append(fmt(r.number("baseline_cpu_us_per_op"), 1))
          .append(" |\n");
    }

    md.append("\n## Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
    for (ScenarioResult r : results) {
      for (TargetCheck t : r.targets()) {
        md.append("| ")
            .append(t.target())
            .append(" | ")
            .append(t.measured())
            .append(" | ")
            .append(t.met() != null && !t.met() ? "**missed**" : t.verdict())
            .append(" |\n");
      }
    }

    return md.toString();
  }

  private static void appendDetails(StringBuilder md, List<ScenarioResult> results) {
    md.append("\n## Details\n");
    for (ScenarioResult r : results) {
      md.append("\n### ").append(r.scenario()).append("\n\n");
      for (Map.Entry<String, Object> e : r.fields().entrySet()) {
        if (e.getKey().equals("scenario")) {
          continue;
        }
        md.append("- ").append(e.getKey()).append(": ").append(value(e.getValue())).append('\n');
      }
      for (String n : r.notes()) {
        md.append("\n> ").append(n).append('\n');
      }
    }
  }

  private static String value(Object v) {
    if (v instanceof Double d) {
      return fmt(d, 3);
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      return "`" + Json.write(v) + "`";
    }
    return String.valueOf(v);
  }

  static String fmt(double d, int decimals) {
    if (Double.isNaN(d)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", d);
  }
}
