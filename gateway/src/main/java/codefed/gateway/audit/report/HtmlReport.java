package codefed.gateway.audit.report;

import codefed.code.Issuers;
import codefed.gateway.audit.report.ReportData.Counts;
import codefed.gateway.audit.report.Svg.Part;
import healthcode.federation.v1.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched) with the
 * auditor's charts: decisions per hour by outcome, decisions by issuer, the manual-verification
 * share and node availability per hour, and a per-issuer table.
 */
public final class HtmlReport {
  private static final int MAX_HOURS = 24 * 31;
  private static final Outcome[] OUTCOMES = {Outcome.OUTCOME_PASS, Outcome.OUTCOME_CONTROL,
      Outcome.OUTCOME_EXPIRED, Outcome.OUTCOME_MANUAL_VERIFICATION, Outcome.OUTCOME_REJECT};
  private static final String[] COLORS = {"#2e7d32", "#ef6c00", "#757575", "#1565c0", "#c62828"};
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:00", Locale.ROOT);

  private HtmlReport() {}

  public static String render(String title, ReportData data) {
    List<Instant> hours = hourAxis(data);
    List<String> labels = hours.stream().map(h -> HOUR.format(ZonedDateTime.ofInstant(h, data.zone()))).toList();
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(title)).append("</title><style>")
        .append("body{font-family:sans-serif;margin:24px;color:#222;background:#fff}")
        .append("h1{font-size:22px}h2{font-size:17px;margin-top:28px}")
        .append("table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
        .append("th{background:#f3f3f3}td.l,th.l{text-align:left}.legend span{display:inline-block;margin-right:14px;font-size:13px}")
        .append(".sw{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}")
        .append("</style></head><body>");
    html.append("<h1>").append(Html.escape(title)).append("</h1>");
    Counts all = data.all();
    html.append("<p>").append(all.total()).append(" records");
    if (data.first() != null) {
      html.append(", ").append(Html.escape(ZonedDateTime.ofInstant(data.first(), data.zone()).truncatedTo(ChronoUnit.SECONDS).toString()))
          .append(" to ").append(Html.escape(ZonedDateTime.ofInstant(data.last(), data.zone()).truncatedTo(ChronoUnit.SECONDS).toString()));
    }
    html.append(" (hours in UTC").append(data.zone().getId().equals("Z") ? "" : data.zone().getId()).append(")</p>");
    html.append(legend());

    html.append("<h2>Decisions per hour by outcome</h2>");
    List<List<Part>> bars = new ArrayList<>();
    for (int i = 0; i < hours.size(); i++) {
      bars.add(outcomeParts(labels.get(i), data.hours().get(hours.get(i))));
    }
    html.append(Svg.stackedBars(labels, bars, 320, "decisions"));

    html.append("<h2>Decisions by issuer</h2>");
    List<String> issuerLabels = new ArrayList<>();
    List<List<Part>> issuerBars = new ArrayList<>();
    for (Map.Entry<String, Counts> e : data.issuers().entrySet()) {
      issuerLabels.add(issuerLabel(e.getKey()));
      issuerBars.add(outcomeParts(issuerLabel(e.getKey()), e.getValue()));
    }
    html.append(Svg.stackedBars(issuerLabels, issuerBars, 320, "decisions"));

    html.append("<h2>Manual-verification share per hour</h2>");
    html.append(Svg.percentLine(labels, share(hours, data, true), "#1565c0", 260, "manual %"));

    html.append("<h2>Node availability per hour</h2><p>Of the decisions that asked the issuer's node,"
        + " the share that got an answer (cached answers did not ask).</p>");
    html.append(Svg.percentLine(labels, share(hours, data, false), "#6a1b9a", 260, "answered %"));

    html.append("<h2>By issuer</h2>").append(issuerTable(data)).append("</body></html>\n");
    return html.toString();
  }

  private static List<Instant> hourAxis(ReportData data) {
    List<Instant> present = new ArrayList<>(data.hours().keySet());
    if (present.isEmpty()) {
      return present;
    }
    long span = Duration.between(present.get(0), present.get(present.size() - 1)).toHours() + 1;
    if (span > MAX_HOURS) {
      return present; // too long to draw every empty hour: only hours with records
    }
    List<Instant> all = new ArrayList<>();
    for (Instant h = present.get(0); !h.isAfter(present.get(present.size() - 1)); h = h.plus(Duration.ofHours(1))) {
      all.add(h);
    }
    return all;
  }

  private static List<Part> outcomeParts(String label, Counts c) {
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < OUTCOMES.length; i++) {
      int n = c == null ? 0 : c.outcome(OUTCOMES[i]);
      parts.add(new Part(n, COLORS[i], label + " " + name(OUTCOMES[i]) + ": " + n));
    }
    return parts;
  }

  private static double[] share(List<Instant> hours, ReportData data, boolean manual) {
    double[] out = new double[hours.size()];
    for (int i = 0; i < out.length; i++) {
      Counts c = data.hours().get(hours.get(i));
      int den = c == null ? 0 : manual ? c.total() : c.nodeAsked();
      int num = c == null ? 0 : manual ? c.manual() : c.nodeAnswered();
      out[i] = den == 0 ? Double.NaN : 100.0 * num / den;
    }
    return out;
  }

  private static String issuerTable(ReportData data) {
    StringBuilder t = new StringBuilder("<table><tr><th class=\"l\">issuer</th><th>decisions</th>");
    for (Outcome o : OUTCOMES) {
      t.append("<th>").append(name(o)).append("</th>");
    }
    t.append("<th>manual %</th><th>node asked</th><th>node answered %</th></tr>");
    for (Map.Entry<String, Counts> e : data.issuers().entrySet()) {
      Counts c = e.getValue();
      t.append("<tr><td class=\"l\">").append(Html.escape(issuerLabel(e.getKey()))).append("</td><td>")
          .append(c.total()).append("</td>");
      for (Outcome o : OUTCOMES) {
        t.append("<td>").append(c.outcome(o)).append("</td>");
      }
      t.append("<td>").append(percent(c.manual(), c.total())).append("</td><td>").append(c.nodeAsked())
          .append("</td><td>").append(percent(c.nodeAnswered(), c.nodeAsked())).append("</td></tr>");
    }
    return t.append("</table>").toString();
  }

  private static String legend() {
    StringBuilder s = new StringBuilder("<p class=\"legend\">");
    for (int i = 0; i < OUTCOMES.length; i++) {
      s.append("<span><i class=\"sw\" style=\"background:").append(COLORS[i]).append("\"></i>")
          .append(name(OUTCOMES[i])).append("</span>");
    }
    return s.append("</p>").toString();
  }

  private static String percent(int num, int den) {
    return den == 0 ? "–" : String.format(Locale.ROOT, "%.1f", 100.0 * num / den);
  }

  static String name(Outcome o) {
    return o.name().substring("OUTCOME_".length());
  }

  private static String issuerLabel(String code) {
    try {
      return code + " " + Issuers.englishName(code);
    } catch (IllegalArgumentException unknown) {
      return code;
    }
  }
}
