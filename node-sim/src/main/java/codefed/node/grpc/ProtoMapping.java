package codefed.node.grpc;

import codefed.node.InvalidRequestException;
import codefed.node.changes.StatusChange;
import codefed.node.fault.FaultSettings;
import codefed.node.registry.CodeId;
import codefed.node.registry.Visit;
import codefed.node.status.IssuerColor;
import codefed.node.status.RiskArea;
import codefed.node.status.StatusUpdate;
import codefed.time.ProtoTime;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.SetFaultRequest;
import healthcode.federation.v1.SetRiskAreasRequest;
import healthcode.federation.v1.UpdateStatusRequest;
import healthcode.federation.v1.WatchStatusChangesResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Proto ↔ domain translation for the node service; invalid fields → {@link
 * InvalidRequestException}.
 */
final class ProtoMapping {
  private ProtoMapping() {}

  static CodeId codeId(ByteString bytes) {
    if (bytes.size() != CodeId.BYTES) {
      throw new InvalidRequestException("code_id: " + bytes.size() + " bytes (expected: 16 bytes)");
    }
    return CodeId.fromBytes(bytes.toByteArray());
  }

  static StatusUpdate update(UpdateStatusRequest request) {
    Set<Reason> findings = EnumSet.noneOf(Reason.class);
    for (int i = 0; i < request.getFindingsCount(); i++) {
      Reason reason = request.getFindings(i);
      if (reason == Reason.REASON_UNSPECIFIED || reason == Reason.UNRECOGNIZED) {
        throw new InvalidRequestException(
            "findings[" + i + "]: " + reason + " (expected: a named reason)");
      }
      if (reason == Reason.REASON_ISSUER_CRITERIA) {
        throw new InvalidRequestException(
            "findings["
                + i
                + "]: "
                + reason
                + " (expected: a seed-003 reason; own criteria go in issuer_color and issuer_note)");
      }
      findings.add(reason);
    }
    List<Visit> visits = new ArrayList<>();
    for (int i = 0; i < request.getVisitsCount(); i++) {
      var visit = request.getVisits(i);
      String field = "visits[" + i + "]";
      if (visit.getAreaCode().isBlank()) {
        throw new InvalidRequestException(field + ".area_code: missing");
      }
      if (!visit.hasVisitedAt()) {
        throw new InvalidRequestException(field + ".visited_at: missing");
      }
      visits.add(
          new Visit(
              visit.getAreaCode().strip(), instant(visit.getVisitedAt(), field + ".visited_at")));
    }
    Optional<IssuerColor> issuerColor = issuerColor(request);
    if (issuerColor.isPresent() && !findings.isEmpty()) {
      throw new InvalidRequestException(
          "findings: " + findings.size() + " given with issuer_color (expected: one or the other)");
    }
    return new StatusUpdate(
        findings,
        request.getClearDeclaredReasons(),
        visits,
        false,
        request.getRevoke(),
        issuerColor);
  }

  private static Optional<IssuerColor> issuerColor(UpdateStatusRequest request) {
    if (request.getIssuerColor() == Color.COLOR_UNSPECIFIED) {
      if (!request.getIssuerNote().isEmpty()) {
        throw new InvalidRequestException("issuer_note: given without issuer_color");
      }
      return Optional.empty();
    }
    return Optional.of(new IssuerColor(request.getIssuerColor(), request.getIssuerNote()));
  }

  static List<RiskArea> riskAreas(SetRiskAreasRequest request) {
    List<RiskArea> areas = new ArrayList<>();
    for (int i = 0; i < request.getAreasCount(); i++) {
      var area = request.getAreas(i);
      String field = "areas[" + i + "]";
      if (area.getAreaCode().isBlank()) {
        throw new InvalidRequestException(field + ".area_code: missing");
      }
      if (area.getLevel() == RiskLevel.RISK_LEVEL_UNSPECIFIED
          || area.getLevel() == RiskLevel.UNRECOGNIZED) {
        throw new InvalidRequestException(
            field
                + ".level: "
                + area.getLevel()
                + " (expected: RISK_LEVEL_LOW, RISK_LEVEL_MEDIUM or RISK_LEVEL_HIGH)");
      }
      areas.add(
          new RiskArea(area.getAreaCode().strip(), area.getAreaName().strip(), area.getLevel()));
    }
    return areas;
  }

  static FaultSettings faults(SetFaultRequest request) {
    Duration latency = request.getLatency();
    if (latency.getSeconds() < 0 || latency.getNanos() < 0) {
      throw new InvalidRequestException(
          "latency: "
              + java.time.Duration.ofSeconds(latency.getSeconds(), latency.getNanos())
              + " (expected: >= 0)");
    }
    return new FaultSettings(
        java.time.Duration.ofSeconds(latency.getSeconds(), latency.getNanos()),
        request.getErrorRate(),
        request.getHang(),
        request.getDown());
  }

  static WatchStatusChangesResponse change(StatusChange change, long epoch) {
    return WatchStatusChangesResponse.newBuilder()
        .setEpoch(epoch)
        .setSequence(change.sequence())
        .setCodeId(ByteString.copyFrom(change.codeId().toBytes()))
        .setState(change.state())
        .setColor(change.color())
        .addAllReasons(change.reasons())
        .setItineraryRisk(change.itineraryRisk())
        .setChangedAt(timestamp(change.changedAt()))
        .build();
  }

  /** A change-stream heartbeat: every change up to {@code head} has been delivered. */
  static WatchStatusChangesResponse heartbeat(long epoch, long head) {
    return WatchStatusChangesResponse.newBuilder()
        .setHeartbeat(true)
        .setEpoch(epoch)
        .setHeadSequence(head)
        .build();
  }

  static Timestamp timestamp(Instant instant) {
    return ProtoTime.timestamp(instant);
  }

  static Instant instant(Timestamp t, String field) {
    if (!Timestamps.isValid(t)) {
      throw new InvalidRequestException(field + ": not a valid timestamp");
    }
    return ProtoTime.instant(t);
  }
}
