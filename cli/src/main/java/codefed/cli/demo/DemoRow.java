package codefed.cli.demo;

import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/** One scan of the demo and what the gateway answered. */
record DemoRow(
    int number, String scene, Instant scannedAt, CheckpointType checkpoint, String issuer,
    OptionalDouble temperature, Decision decision, double millis) {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.ofHours(8));

  static String header() {
    return String.format("%-3s %-52s %-16s %-8s %-8s %-5s %-19s %-44s %-8s %-12s %s",
        "#", "scene", "scanned (+08:00)", "at", "issuer", "temp", "outcome", "measures", "holder",
        "flags", "receipt");
  }

  String line() {
    String measures = decision.getMeasuresList().stream()
        .map(m -> m.name().substring("MEASURE_".length()))
        .collect(Collectors.joining(","));
    String flags = (decision.getFromCache() ? "cache " : "") + (decision.getOffline() ? "offline" : "");
    String temp = temperature.isPresent() ? String.format("%.1f", temperature.getAsDouble()) : "-";
    return String.format("%-3d %-52s %-16s %-8s %-8s %-5s %-19s %-44s %-8s %-12s #%d  %.0f ms",
        number, scene, WHEN.format(scannedAt), shortType(checkpoint), issuer, temp,
        decision.getOutcome().name().substring("OUTCOME_".length()), measures.isEmpty() ? "-" : measures,
        decision.getMaskedName().isEmpty() ? "-" : decision.getMaskedName(), flags.isBlank() ? "-" : flags.strip(),
        decision.getAuditSequence(), millis);
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
