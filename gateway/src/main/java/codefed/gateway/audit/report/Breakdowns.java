package codefed.gateway.audit.report;

import codefed.code.Issuers;
import codefed.gateway.audit.report.ReportData.Counts;
import healthcode.federation.v1.Outcome;
import java.util.Locale;
import java.util.Map;

/** The report's tables: counts by outcome per issuer, checkpoint or policy version, and tallies. */
final class Breakdowns {
  private Breakdowns() {}

  /** One row per key: decisions, each outcome, manual and offline shares (and node figures). */
  static String table(String keyName, Map<String, Counts> rows, boolean nodeColumns) {
    StringBuilder t =
        new StringBuilder("<table><tr><th class=\"l\">")
            .append(Html.escape(keyName))
            .append("</th><th>records</th>");
    for (Outcome o : HtmlReport.OUTCOMES) {
      t.append("<th>").append(HtmlReport.name(o)).append("</th>");
    }
    t.append("<th>manual %</th><th>offline %</th>");
    if (nodeColumns) {
      t.append("<th>node asked</th><th>node answered %</th>");
    }
    t.append("</tr>");
    for (Map.Entry<String, Counts> e : rows.entrySet()) {
      Counts c = e.getValue();
      String label = keyName.equals("issuer") ? issuerLabel(e.getKey()) : e.getKey();
      t.append("<tr><td class=\"l\">")
          .append(Html.escape(label))
          .append("</td><td>")
          .append(c.total())
          .append("</td>");
      for (Outcome o : HtmlReport.OUTCOMES) {
        t.append("<td>").append(c.outcome(o)).append("</td>");
      }
      t.append("<td>")
          .append(percent(c.manual(), c.total()))
          .append("</td><td>")
          .append(percent(c.offline(), c.total()))
          .append("</td>");
      if (nodeColumns) {
        t.append("<td>")
            .append(c.nodeAsked())
            .append("</td><td>")
            .append(percent(c.nodeAnswered(), c.nodeAsked()))
            .append("</td>");
      }
      t.append("</tr>");
    }
    return t.append("</table>").toString();
  }

  /** One row per key with its count and share of {@code total}; a dash when there are none. */
  static String tally(String keyName, Map<String, Integer> counts, int total) {
    if (counts.isEmpty()) {
      return "<p>none</p>";
    }
    StringBuilder t =
        new StringBuilder("<table><tr><th class=\"l\">")
            .append(Html.escape(keyName))
            .append("</th><th>records</th><th>%</th></tr>");
    counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Integer>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
        .forEach(
            e ->
                t.append("<tr><td class=\"l\">")
                    .append(Html.escape(e.getKey()))
                    .append("</td><td>")
                    .append(e.getValue())
                    .append("</td><td>")
                    .append(percent(e.getValue(), total))
                    .append("</td></tr>"));
    return t.append("</table>").toString();
  }

  static String percent(int num, int den) {
    return den == 0 ? "–" : String.format(Locale.ROOT, "%.1f", 100.0 * num / den);
  }

  static String issuerLabel(String code) {
    try {
      return code + " " + Issuers.englishName(code);
    } catch (IllegalArgumentException unknown) {
      return code;
    }
  }
}
