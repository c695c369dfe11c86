package codefed.gateway.server;

import codefed.gateway.recognition.DecisionResult;
import codefed.gateway.recognition.RecognitionAnswer;
import codefed.gateway.recognition.Timestamps;
import healthcode.federation.v1.Decision;

/** Domain answers to their wire form. */
final class Decisions {
  private Decisions() {}

  static Decision toProto(RecognitionAnswer a) {
    return toProto(a, null);
  }

  /** With the signed receipt when there is one. */
  static Decision toProto(RecognitionAnswer a, healthcode.federation.v1.SignedReceipt receipt) {
    DecisionResult r = a.result();
    Decision.Builder b =
        Decision.newBuilder()
            .setOutcome(r.outcome())
            .addAllMeasures(r.measures())
            .addAllReasons(r.reasons())
            .setMaskedName(a.maskedName())
            .setMaskedIdNumber(a.maskedIdNumber())
            .setIssuer(a.issuer())
            .setProxyDeclared(a.proxyDeclared())
            .setColor(r.color())
            .setItineraryRisk(r.itineraryRisk())
            .setPolicyVersion(a.policyVersion())
            .setFromCache(a.fromCache())
            .setOffline(r.offline())
            .setAuditSequence(a.auditSequence())
            .setDecidedAt(Timestamps.of(a.decidedAt()))
            .setExplanation(r.explanation())
            .setCause(r.cause());
    a.statusAssertedAt().ifPresent(t -> b.setStatusAssertedAt(Timestamps.of(t)));
    if (receipt != null) {
      b.setReceipt(receipt);
    }
    return b.build();
  }
}
