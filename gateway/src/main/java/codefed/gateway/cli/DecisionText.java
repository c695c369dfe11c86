package codefed.gateway.cli;

import codefed.code.Issuers;
import codefed.gateway.officer.DisplayWidth;
import codefed.gateway.officer.OfficerMessages;
import codefed.gateway.recognition.EnumNames;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RiskLevel;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A decision as a checkpoint officer reads it at a glance, in the officer's language: the outcome
 * first, why in plain words (from the decision's cause), what to do with every measure spelled out,
 * then the masked name and ID number to compare with the person in front of them. The gateway's own
 * one-line explanation follows as "detail".
 */
final class DecisionText {
  private static final int LABEL_COLUMNS = 10;

  private DecisionText() {}

  static String render(Decision d, OfficerMessages m) {
    StringBuilder out = new StringBuilder();
    out.append("  ").append(m.outcome(d.getOutcome())).append('\n');
    line(out, m.label("why"), why(d, m));
    List<String> todo = todo(d, m);
    line(out, m.label("do"), todo.get(0));
    for (String more : todo.subList(1, todo.size())) {
      line(out, "", more);
    }
    String person =
        orDash(d.getMaskedName())
            + "   "
            + orDash(d.getMaskedIdNumber())
            + (d.getProxyDeclared() ? "   " + m.label("proxy") : "");
    line(out, m.label("person"), person);
    line(out, m.label("code"), code(d, m));
    line(out, m.label("detail"), orDash(d.getExplanation()));
    line(out, m.label("policy"), orDash(d.getPolicyVersion()));
    Instant at = Instant.ofEpochSecond(d.getDecidedAt().getSeconds());
    line(
        out,
        m.label("receipt"),
        m.label("receiptAt", d.getAuditSequence(), at.atOffset(ZoneOffset.ofHours(8))));
    return out.toString();
  }

  /** The cause in words, and how fresh the issuer's word is (or that it was not had). */
  private static String why(Decision d, OfficerMessages m) {
    String why = m.why(d.getCause(), d.getIssuer());
    if (d.getOffline()) {
      return why + m.label("sep") + m.label("offline", d.getIssuer());
    }
    if (d.hasStatusAssertedAt() && d.hasDecidedAt()) {
      Duration age = Duration.between(instant(d.getStatusAssertedAt()), instant(d.getDecidedAt()));
      return why
          + m.label("sep")
          + m.label(d.getFromCache() ? "answeredCached" : "answered", d.getIssuer(), m.age(age));
    }
    return why;
  }

  /**
   * What to do: the cause's instruction (for CONTROL the measures are the instruction), then every
   * measure spelled out but the one the instruction already says.
   */
  private static List<String> todo(Decision d, OfficerMessages m) {
    List<String> lines = new ArrayList<>();
    if (d.getOutcome() != Outcome.OUTCOME_CONTROL || d.getMeasuresList().isEmpty()) {
      lines.add(m.todo(d.getCause()));
    }
    for (Measure measure : d.getMeasuresList()) {
      boolean said =
          (measure == Measure.MEASURE_MANUAL_CHECK
                  && d.getOutcome() == Outcome.OUTCOME_MANUAL_VERIFICATION)
              || (measure == Measure.MEASURE_RE_DECLARE
                  && d.getOutcome() == Outcome.OUTCOME_EXPIRED);
      if (!said) {
        lines.add(m.measure(measure));
      }
    }
    return lines;
  }

  private static String code(Decision d, OfficerMessages m) {
    StringBuilder out = new StringBuilder(issuer(d.getIssuer(), m));
    if (d.getColor() != Color.COLOR_UNSPECIFIED) {
      out.append(", ").append(EnumNames.designName(d.getColor()));
    }
    if (!d.getReasonsList().isEmpty()) {
      out.append(" (")
          .append(
              d.getReasonsList().stream()
                  .map(EnumNames::designName)
                  .collect(Collectors.joining(", ")))
          .append(')');
    }
    if (d.getItineraryRisk() != RiskLevel.RISK_LEVEL_UNSPECIFIED) {
      out.append(", itinerary ").append(EnumNames.designName(d.getItineraryRisk()));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String label, String text) {
    String head = label.isEmpty() ? "" : label + ":";
    out.append("  ").append(DisplayWidth.pad(head, LABEL_COLUMNS)).append(text).append('\n');
  }

  private static String issuer(String code, OfficerMessages m) {
    if (code.isEmpty()) {
      return m.label("unverified");
    }
    return Issuers.isKnown(code) ? code + " " + Issuers.name(code) : code;
  }

  private static Instant instant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  private static String orDash(String s) {
    return s.isEmpty() ? "-" : s;
  }
}
