package codefed.gateway.recognition;

import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import healthcode.federation.v1.StatusSummary;

/**
 * The clear part of a node's answer in an audit record, and the answer a replay without the
 * auditors' key rebuilds from it: state, color, reasons and the itinerary risk the policy acted on,
 * without the code id, the masked identity or the visited areas.
 */
public final class StatusSummaries {
  private StatusSummaries() {}

  /** What a record keeps in the clear of {@code status}. */
  public static StatusSummary of(AssertedStatus status, RiskLevel controlledItineraryRisk) {
    StatusAssertion a = status.assertion();
    StatusSummary.Builder s =
        StatusSummary.newBuilder()
            .setIssuer(a.getIssuer())
            .setState(a.getState())
            .setColor(a.getColor())
            .addAllReasons(a.getReasonsList())
            .setItineraryRisk(a.getItineraryRisk())
            .setItineraryRiskControlled(controlledItineraryRisk)
            .setKeyId(status.signed().getKeyId())
            .setStatusSequence(a.getStatusSequence());
    if (a.hasAssertedAt()) {
      s.setAssertedAt(a.getAssertedAt());
    }
    if (a.hasValidUntil()) {
      s.setValidUntil(a.getValidUntil());
    }
    return s.build();
  }

  /**
   * An unsigned stand-in for the node's answer with exactly what the decision rules read: the
   * itinerary is replaced by the risk level the recorded policy acted on.
   */
  public static AssertedStatus toStatus(StatusSummary s) {
    StatusAssertion.Builder a =
        StatusAssertion.newBuilder()
            .setIssuer(s.getIssuer())
            .setState(s.getState())
            .setColor(s.getColor())
            .addAllReasons(s.getReasonsList())
            .setItineraryRisk(s.getItineraryRiskControlled())
            .setStatusSequence(s.getStatusSequence());
    if (s.hasAssertedAt()) {
      a.setAssertedAt(s.getAssertedAt());
    }
    if (s.hasValidUntil()) {
      a.setValidUntil(s.getValidUntil());
    }
    StatusAssertion assertion = a.build();
    return new AssertedStatus(
        SignedAssertion.newBuilder()
            .setKeyId(s.getKeyId())
            .setAssertion(assertion.toByteString())
            .build(),
        assertion);
  }
}
