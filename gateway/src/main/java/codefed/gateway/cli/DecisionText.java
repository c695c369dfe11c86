package codefed.gateway.cli;

import codefed.code.Issuers;
import codefed.gateway.recognition.EnumNames;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.RiskLevel;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A decision as a checkpoint officer reads it at a glance: the outcome first and large, what
 * to do, then the masked name and ID number to compare with the person in front of them.
 */
final class DecisionText {
  private DecisionText() {}

  static String render(Decision d) {
    StringBuilder out = new StringBuilder();
    out.append("  ").append(EnumNames.designName(d.getOutcome()).replace('_', ' ')).append('\n');
    out.append("  do:       ").append(names(d.getMeasuresList())).append('\n');
    out.append("  person:   ").append(orDash(d.getMaskedName())).append("   ").append(orDash(d.getMaskedIdNumber()));
    if (d.getProxyDeclared()) {
      out.append("   (declared by a relative)");
    }
    out.append('\n');
    out.append("  code:     ").append(issuer(d.getIssuer()));
    if (d.getColor() != Color.COLOR_UNSPECIFIED) {
      out.append(", ").append(EnumNames.designName(d.getColor()));
    }
    if (!d.getReasonsList().isEmpty()) {
      out.append(" (").append(names(d.getReasonsList())).append(')');
    }
    if (d.getItineraryRisk() != RiskLevel.RISK_LEVEL_UNSPECIFIED) {
      out.append(", itinerary ").append(EnumNames.designName(d.getItineraryRisk()));
    }
    out.append('\n');
    out.append("  why:      ").append(orDash(d.getExplanation())).append('\n');
    String flags = (d.getOffline() ? "  OFFLINE (issuer unreachable, decided from the code's color snapshot)\n" : "")
        + (d.getFromCache() ? "  status from cache\n" : "");
    out.append(flags);
    out.append("  policy:   ").append(orDash(d.getPolicyVersion())).append('\n');
    Instant at = Instant.ofEpochSecond(d.getDecidedAt().getSeconds());
    out.append("  receipt:  audit #").append(d.getAuditSequence()).append(" at ")
        .append(at.atOffset(ZoneOffset.ofHours(8))).append('\n');
    return out.toString();
  }

  private static String issuer(String code) {
    if (code.isEmpty()) {
      return "unverified";
    }
    return Issuers.isKnown(code) ? code + " " + Issuers.name(code) : code;
  }

  private static String names(List<? extends Enum<?>> values) {
    return values.isEmpty() ? "-" : values.stream().map(EnumNames::designName).collect(Collectors.joining(", "));
  }

  private static String orDash(String s) {
    return s.isEmpty() ? "-" : s;
  }
}
