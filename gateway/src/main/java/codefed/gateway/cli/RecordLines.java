package codefed.gateway.cli;

import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Measure;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One line per audit record for the auditor's terminal; holds nothing the record does not (no
 * identity).
 */
final class RecordLines {
  private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

  private RecordLines() {}

  static String format(AuditRecord r) {
    Instant t = Instant.ofEpochSecond(r.getTime().getSeconds(), r.getTime().getNanos());
    StringBuilder s = new StringBuilder();
    s.append('#')
        .append(r.getSequence())
        .append(' ')
        .append(OffsetDateTime.ofInstant(t, CHINA))
        .append(' ')
        .append(r.getGateway())
        .append(' ')
        .append(r.getCheckpointId().isEmpty() ? "-" : r.getCheckpointId())
        .append(' ')
        .append(strip(r.getCheckpointType().name(), "CHECKPOINT_TYPE_"))
        .append(' ')
        .append(strip(r.getKind().name(), "RECORD_KIND_"))
        .append(' ')
        .append(strip(r.getOutcome().name(), "OUTCOME_"));
    if (r.getMeasuresCount() > 0) {
      s.append(" [")
          .append(
              r.getMeasuresList().stream()
                  .map(Measure::name)
                  .map(m -> strip(m, "MEASURE_"))
                  .collect(Collectors.joining(",")))
          .append(']');
    }
    s.append(" issuer=").append(r.getCode().getIssuer().isEmpty() ? "-" : r.getCode().getIssuer());
    s.append(" policy=").append(r.getPolicyVersion().isEmpty() ? "-" : r.getPolicyVersion());
    if (r.hasTemperatureCelsius()) {
      s.append(String.format(Locale.ROOT, " temp=%.1f", r.getTemperatureCelsius()));
    }
    if (r.getFromCache()) {
      s.append(" cached");
    }
    if (r.getOffline()) {
      s.append(" offline");
    }
    if (!r.getNodeReachable()
        && r.getKind() == healthcode.federation.v1.RecordKind.RECORD_KIND_DECISION) {
      s.append(" node-unreachable");
    }
    if (!r.getCode().getRejection().isEmpty()) {
      s.append(" rejected=\"").append(r.getCode().getRejection()).append('"');
    }
    return s.toString();
  }

  private static String strip(String name, String prefix) {
    return name.startsWith(prefix) ? name.substring(prefix.length()) : name;
  }
}
