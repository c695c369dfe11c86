package codefed.gateway.cli;

import codefed.gateway.recognition.EnumNames;
import healthcode.federation.v1.Decision;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** A decision as one line of JSON for machines; enum values by their design names ("PASS"). */
final class DecisionJson {
  private DecisionJson() {}

  static String render(Decision d) {
    Instant at = Instant.ofEpochSecond(d.getDecidedAt().getSeconds(), d.getDecidedAt().getNanos());
    return "{"
        + field("outcome", EnumNames.designName(d.getOutcome()))
        + ","
        + "\"measures\":"
        + array(d.getMeasuresList())
        + ","
        + "\"reasons\":"
        + array(d.getReasonsList())
        + ","
        + field("masked_name", d.getMaskedName())
        + ","
        + field("masked_id_number", d.getMaskedIdNumber())
        + ","
        + field("issuer", d.getIssuer())
        + ","
        + "\"proxy_declared\":"
        + d.getProxyDeclared()
        + ","
        + field("color", EnumNames.designName(d.getColor()))
        + ","
        + field("itinerary_risk", EnumNames.designName(d.getItineraryRisk()))
        + ","
        + field("policy_version", d.getPolicyVersion())
        + ","
        + "\"from_cache\":"
        + d.getFromCache()
        + ","
        + "\"offline\":"
        + d.getOffline()
        + ","
        + "\"audit_sequence\":"
        + d.getAuditSequence()
        + ","
        + field("decided_at", at.toString())
        + ","
        + field("explanation", d.getExplanation())
        + ","
        + field("cause", EnumNames.designName(d.getCause()))
        + (d.hasStatusAssertedAt()
            ? ","
                + field(
                    "status_asserted_at",
                    Instant.ofEpochSecond(
                            d.getStatusAssertedAt().getSeconds(),
                            d.getStatusAssertedAt().getNanos())
                        .toString())
            : "")
        + "}\n";
  }

  private static String field(String name, String value) {
    return "\"" + name + "\":" + quote(value);
  }

  private static String array(List<? extends Enum<?>> values) {
    return values.stream()
        .map(v -> quote(EnumNames.designName(v)))
        .collect(Collectors.joining(",", "[", "]"));
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
