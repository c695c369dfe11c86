package codefed.cli.demo;

import codefed.gateway.officer.DisplayWidth;
import codefed.gateway.officer.OfficerMessages;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Measure;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * One scan of the demo and what the gateway answered, as a row of a table that fits 120 terminal
 * columns: columns padded by display width (a masked Chinese name takes two columns per character),
 * a short "why" from the decision's cause, receipt and latency apart.
 */
record DemoRow(
    int number,
    String scene,
    Instant scannedAt,
    CheckpointType checkpoint,
    String issuer,
    OptionalDouble temperature,
    Decision decision,
    double millis) {

  /** The widest a table line may be. */
  static final int MAX_COLUMNS = 120;

  private static final OfficerMessages WORDS = OfficerMessages.of(OfficerMessages.Language.EN);
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.ofHours(8));
  // #, scene, scanned, at, outcome, measures, why, holder, receipt; latency last, right-aligned.
  private static final int[] WIDTHS = {2, 28, 16, 7, 7, 21, 15, 6, 4};
  private static final int MS_WIDTH = 5;

  static String header() {
    return row(
        List.of(
            "#", "scene", "scanned (+08:00)", "at", "outcome", "measures", "why", "holder", "rcpt"),
        "ms");
  }

  String line() {
    String measures =
        decision.getMeasuresList().stream()
            .map(DemoRow::shortMeasure)
            .collect(Collectors.joining("+"));
    String why =
        WORDS.shortWhy(decision.getCause())
            + (decision.getOffline() ? ", offline" : decision.getFromCache() ? ", cached" : "");
    return row(
        List.of(
            String.valueOf(number),
            scene,
            WHEN.format(scannedAt),
            shortType(checkpoint),
            shortOutcome(),
            measures.isEmpty() ? "-" : measures,
            why,
            decision.getMaskedName().isEmpty() ? "-" : decision.getMaskedName(),
            "#" + decision.getAuditSequence()),
        String.format("%.0f", millis));
  }

  private static String row(List<String> cells, String ms) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      out.append(DisplayWidth.pad(DisplayWidth.fit(cells.get(i), WIDTHS[i]), WIDTHS[i]))
          .append(' ');
    }
    String latency = DisplayWidth.fit(ms, MS_WIDTH);
    return out.append(" ".repeat(MS_WIDTH - DisplayWidth.of(latency))).append(latency).toString();
  }

  private String shortOutcome() {
    String name = decision.getOutcome().name().substring("OUTCOME_".length());
    return name.equals("MANUAL_VERIFICATION") ? "MANUAL" : name;
  }

  /** A measure in a few letters; `codefed scan` spells each out in full. */
  static String shortMeasure(Measure m) {
    return switch (m) {
      case MEASURE_HOSPITAL_TRANSFER -> "hospital";
      case MEASURE_CENTRAL_OR_HOME_QUARANTINE_14D -> "quarantine14d";
      case MEASURE_HOME_QUARANTINE_14D -> "home14d";
      case MEASURE_FEVER_CLINIC -> "fever";
      case MEASURE_RISK_AREA_CHECK -> "riskcheck";
      case MEASURE_DENY_ENTRY -> "deny";
      case MEASURE_MEDICAL_REGISTRATION -> "register";
      case MEASURE_RE_DECLARE -> "redeclare";
      case MEASURE_MANUAL_CHECK -> "manual";
      default -> m.name();
    };
  }

  private static String shortType(CheckpointType t) {
    switch (t) {
      case CHECKPOINT_TYPE_TRAFFIC:
        return "traffic";
      case CHECKPOINT_TYPE_PUBLIC_PLACE:
        return "public";
      case CHECKPOINT_TYPE_MEDICAL:
        return "medical";
      default:
        return t.name();
    }
  }
}
