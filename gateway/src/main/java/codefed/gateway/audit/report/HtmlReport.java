package codefed.gateway.audit.report;

import codefed.gateway.audit.report.ReportData.Counts;
import codefed.gateway.audit.report.Svg.Part;
import healthcode.federation.v1.Outcome;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page (inline CSS and SVG, no scripts, nothing fetched) with the auditor's
 * charts — decisions over time by outcome, the manual, offline and node-availability shares over
 * time, decisions by issuer — and breakdowns by issuer, checkpoint, policy version, rejection class
 * and control reason. The time axis covers every bucket from the first record to the last, so gaps
 * show as gaps.
 */
public final class HtmlReport {
  static final Outcome[] OUTCOMES = {
    Outcome.OUTCOME_PASS,
    Outcome.OUTCOME_CONTROL,
    Outcome.OUTCOME_EXPIRED,
    Outcome.OUTCOME_MANUAL_VERIFICATION,
    Outcome.OUTCOME_REJECT
  };
  private static final String[] COLORS = {"#2e7d32", "#ef6c00", "#757575", "#1565c0", "#c62828"};

  private HtmlReport() {}

  /** The page; its title names the gateway(s) and jurisdiction(s) whose records it shows. */
  public static String render(ReportData data) {
    String title = title(data);
    TimeAxis axis = TimeAxis.over(data.first(), data.last(), data.zone());
    Counts[] buckets = data.buckets(axis);
    String per = axis.unit.noun;
    StringBuilder html = new StringBuilder();
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(Html.escape(title))
        .append("</title><style>")
        .append("body{font-family:sans-serif;margin:24px;color:#222;background:#fff}")
        .append("h1{font-size:22px}h2{font-size:17px;margin-top:28px}")
        .append(
            "table{border-collapse:collapse;font-size:13px;margin-bottom:8px}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}")
        .append(
            "th{background:#f3f3f3}td.l,th.l{text-align:left}.legend span{display:inline-block;margin-right:14px;font-size:13px}")
        .append(
            ".sw{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}")
        .append(".cols{display:flex;flex-wrap:wrap;gap:32px}")
        .append("</style></head><body>");
    html.append("<h1>").append(Html.escape(title)).append("</h1>");
    Counts all = data.all();
    html.append("<p>").append(all.total()).append(" records");
    if (data.first() != null) {
      html.append(", ")
          .append(
              Html.escape(
                  ZonedDateTime.ofInstant(data.first(), data.zone())
                      .truncatedTo(ChronoUnit.SECONDS)
                      .toString()))
          .append(" to ")
          .append(
              Html.escape(
                  ZonedDateTime.ofInstant(data.last(), data.zone())
                      .truncatedTo(ChronoUnit.SECONDS)
                      .toString()));
    }
    html.append("; one bar per ")
        .append(per)
        .append(" (UTC")
        .append(data.zone().getId().equals("Z") ? "" : data.zone().getId())
        .append("), empty ")
        .append(per)
        .append("s included. Offline decisions: ")
        .append(Breakdowns.percent(all.offline(), all.total()))
        .append(" %.</p>");
    html.append(legend());

    html.append("<h2>Decisions per ").append(per).append(" by outcome</h2>");
    List<List<Part>> bars = new ArrayList<>();
    for (int i = 0; i < axis.size(); i++) {
      bars.add(outcomeParts(axis.labels.get(i), buckets[i]));
    }
    html.append(Svg.stackedBars(axis.labels, bars, 320, "decisions"));

    html.append("<h2>Manual-verification share per ").append(per).append("</h2>");
    html.append(
        Svg.percentLine(
            axis.labels,
            share(buckets, c -> c.manual(), c -> c.total()),
            "#1565c0",
            240,
            "manual %"));
    html.append("<h2>Offline share per ")
        .append(per)
        .append(
            "</h2><p>Decisions made from a code's color"
                + " snapshot because its issuer was unreachable.</p>");
    html.append(
        Svg.percentLine(
            axis.labels,
            share(buckets, c -> c.offline(), c -> c.total()),
            "#ad1457",
            240,
            "offline %"));
    html.append("<h2>Node availability per ")
        .append(per)
        .append(
            "</h2><p>Of the decisions that asked the issuer's node,"
                + " the share that got an answer (cached answers did not ask).</p>");
    html.append(
        Svg.percentLine(
            axis.labels,
            share(buckets, c -> c.nodeAnswered(), c -> c.nodeAsked()),
            "#6a1b9a",
            240,
            "answered %"));

    html.append("<h2>Decisions by issuer</h2>");
    List<String> issuerLabels = new ArrayList<>();
    List<List<Part>> issuerBars = new ArrayList<>();
    for (Map.Entry<String, Counts> e : data.issuers().entrySet()) {
      issuerLabels.add(Breakdowns.issuerLabel(e.getKey()));
      issuerBars.add(outcomeParts(Breakdowns.issuerLabel(e.getKey()), e.getValue()));
    }
    html.append(Svg.stackedBars(issuerLabels, issuerBars, 320, "decisions"));

    if (data.byGateway().size() > 1) {
      html.append("<h2>By gateway</h2>")
          .append(Breakdowns.table("gateway", data.byGateway(), true));
    }
    html.append("<h2>By issuer</h2>").append(Breakdowns.table("issuer", data.issuers(), true));
    html.append("<h2>By checkpoint</h2>")
        .append(Breakdowns.table("checkpoint", data.checkpoints(), false));
    html.append("<h2>By policy version</h2>")
        .append(Breakdowns.table("policy version", data.policies(), false));
    html.append("<div class=\"cols\"><div><h2>Rejections by class</h2>")
        .append(
            Breakdowns.tally(
                "class", data.rejections(), data.all().outcome(Outcome.OUTCOME_REJECT)))
        .append("</div><div><h2>Control decisions by reason</h2>")
        .append(
            Breakdowns.tally(
                "reason", data.controlReasons(), data.all().outcome(Outcome.OUTCOME_CONTROL)))
        .append("</div></div></body></html>\n");
    return html.toString();
  }

  static String title(ReportData data) {
    String gateways =
        data.gateways().isEmpty() ? "(no records)" : String.join(", ", data.gateways());
    String jurisdictions = String.join(", ", data.jurisdictions());
    return "codefed audit report: gateway"
        + (data.gateways().size() > 1 ? "s " : " ")
        + gateways
        + (jurisdictions.isEmpty() ? "" : " (jurisdiction " + jurisdictions + ")");
  }

  private static List<Part> outcomeParts(String label, Counts c) {
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < OUTCOMES.length; i++) {
      int n = c == null ? 0 : c.outcome(OUTCOMES[i]);
      parts.add(new Part(n, COLORS[i], label + " " + name(OUTCOMES[i]) + ": " + n));
    }
    return parts;
  }

  private static double[] share(
      Counts[] buckets,
      java.util.function.ToIntFunction<Counts> num,
      java.util.function.ToIntFunction<Counts> den) {
    double[] out = new double[buckets.length];
    for (int i = 0; i < out.length; i++) {
      Counts c = buckets[i];
      int d = c == null ? 0 : den.applyAsInt(c);
      out[i] = d == 0 ? Double.NaN : 100.0 * num.applyAsInt(c) / d;
    }
    return out;
  }

  private static String legend() {
    StringBuilder s = new StringBuilder("<p class=\"legend\">");
    for (int i = 0; i < OUTCOMES.length; i++) {
      s.append("<span><i class=\"sw\" style=\"background:")
          .append(COLORS[i])
          .append("\"></i>")
          .append(name(OUTCOMES[i]))
          .append("</span>");
    }
    return s.append("</p>").toString();
  }

  static String name(Outcome o) {
    return o.name().substring("OUTCOME_".length());
  }
}
