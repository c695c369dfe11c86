package codefed.gateway.recognition;

import codefed.gateway.cases.RecognitionCase;
import codefed.gateway.testing.TestData;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.ColorSnapshot;
import healthcode.federation.v1.DecisionCause;
import healthcode.federation.v1.ItineraryVisit;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Turns a case row into what the rules see: code facts, node answer or snapshot. */
final class CaseInputs {
  static final Set<String> PROVINCES = TestData.provinces();
  static final ByteString CODE_ID = ByteString.copyFrom(new byte[16]);

  private CaseInputs() {}

  /**
   * The cause each row of testdata/recognition-cases.csv must be given: what the officer is told.
   * Kept here, not in the shared file, whose columns are the federation's case format.
   */
  static final Map<String, DecisionCause> EXPECTED_CAUSES =
      Map.ofEntries(
          Map.entry("C01", DecisionCause.DECISION_CAUSE_GREEN),
          Map.entry("C02", DecisionCause.DECISION_CAUSE_ISSUER_NOT_RECOGNIZED),
          Map.entry("C03", DecisionCause.DECISION_CAUSE_ISSUER_NOT_RECOGNIZED),
          Map.entry("C04", DecisionCause.DECISION_CAUSE_YELLOW),
          Map.entry("C05", DecisionCause.DECISION_CAUSE_RED),
          Map.entry("C06", DecisionCause.DECISION_CAUSE_RED),
          Map.entry("C07", DecisionCause.DECISION_CAUSE_FEVER),
          Map.entry("C08", DecisionCause.DECISION_CAUSE_GREEN),
          Map.entry("C09", DecisionCause.DECISION_CAUSE_CODE_EXPIRED),
          Map.entry("C10", DecisionCause.DECISION_CAUSE_GREEN),
          Map.entry("C11", DecisionCause.DECISION_CAUSE_RISK_AREA),
          Map.entry("C12", DecisionCause.DECISION_CAUSE_GREEN),
          Map.entry("C13", DecisionCause.DECISION_CAUSE_GREEN),
          Map.entry("C14", DecisionCause.DECISION_CAUSE_RED),
          Map.entry("C15", DecisionCause.DECISION_CAUSE_GREEN),
          Map.entry("C16", DecisionCause.DECISION_CAUSE_GREEN),
          Map.entry("C17", DecisionCause.DECISION_CAUSE_ISSUER_NOT_RECOGNIZED),
          Map.entry("C18", DecisionCause.DECISION_CAUSE_GREEN),
          Map.entry("C19", DecisionCause.DECISION_CAUSE_GREEN),
          Map.entry("C20", DecisionCause.DECISION_CAUSE_CODE_DAMAGED),
          Map.entry("C21", DecisionCause.DECISION_CAUSE_CODE_DAMAGED),
          Map.entry("C22", DecisionCause.DECISION_CAUSE_ISSUER_UNKNOWN),
          Map.entry("C23", DecisionCause.DECISION_CAUSE_ISSUER_UNREACHABLE),
          Map.entry("C24", DecisionCause.DECISION_CAUSE_GREEN),
          Map.entry("C25", DecisionCause.DECISION_CAUSE_SNAPSHOT_TOO_OLD),
          Map.entry("C26", DecisionCause.DECISION_CAUSE_YELLOW),
          Map.entry("C27", DecisionCause.DECISION_CAUSE_RED),
          Map.entry("C28", DecisionCause.DECISION_CAUSE_GREEN),
          Map.entry("C29", DecisionCause.DECISION_CAUSE_YELLOW),
          Map.entry("C30", DecisionCause.DECISION_CAUSE_ISSUER_NOT_RECOGNIZED),
          Map.entry("C31", DecisionCause.DECISION_CAUSE_CODE_DAMAGED),
          Map.entry("C32", DecisionCause.DECISION_CAUSE_CODE_EXPIRED));

  static boolean stranger(String issuer) {
    return !PROVINCES.contains(issuer) && !"NATIONAL".equals(issuer);
  }

  static CodeFacts facts(RecognitionCase c) {
    if (c.tamper() != RecognitionCase.Tamper.NONE) {
      String why =
          switch (c.tamper()) {
            case SIGNATURE, PAYLOAD -> "BAD_SIGNATURE";
            default -> "MALFORMED: qr_text: not a SignedCode protobuf";
          };
      return CodeFacts.newBuilder().setRejection(why).build();
    }
    if (stranger(c.issuer())) {
      return CodeFacts.newBuilder().setRejection("UNKNOWN_ISSUER").build();
    }
    Instant issued = c.scannedAt().toInstant().minus(c.codeAge());
    return CodeFacts.newBuilder()
        .setIssuer(c.issuer())
        .setIssuedAt(Timestamps.of(issued))
        .setExpiresAt(Timestamps.of(issued.plus(Duration.ofDays(14))))
        .setKeyId(c.issuer() + "-k1")
        .build();
  }

  static DecisionInput beforeStatus(RecognitionCase c) {
    return DecisionInput.beforeStatus(
        c.scannedAt().toInstant(), c.jurisdiction(), c.checkpoint(), c.temperature(), facts(c));
  }

  static AssertedStatus status(RecognitionCase c) {
    StatusAssertion.Builder a =
        StatusAssertion.newBuilder()
            .setIssuer(c.issuer())
            .setCodeId(CODE_ID)
            .setState(CodeState.CODE_STATE_ACTIVE)
            .setColor(c.color())
            .setAssertedAt(Timestamps.of(c.scannedAt().toInstant()))
            .setValidUntil(Timestamps.of(c.scannedAt().toInstant().plus(Duration.ofMinutes(5))));
    a.addAllReasons(c.reasons());
    RiskLevel highest = RiskLevel.RISK_LEVEL_UNSPECIFIED;
    for (int i = 0; i < c.itinerary().size(); i++) {
      RiskLevel level = c.itinerary().get(i);
      a.addItinerary(
          ItineraryVisit.newBuilder()
              .setAreaCode("1401" + (10 + i) + "")
              .setRiskLevel(level)
              .setVisitedAt(
                  Timestamps.of(c.scannedAt().toInstant().minus(Duration.ofDays(i + 1)))));
      highest = level.compareTo(highest) > 0 ? level : highest;
    }
    a.setItineraryRisk(highest);
    StatusAssertion assertion = a.build();
    SignedAssertion signed =
        SignedAssertion.newBuilder()
            .setAssertion(assertion.toByteString())
            .setKeyId(c.issuer() + "-k1")
            .setSignature(ByteString.copyFromUtf8("sig"))
            .build();
    return new AssertedStatus(signed, assertion);
  }

  static Optional<ColorSnapshot> snapshot(RecognitionCase c) {
    if (c.snapshotAge().isEmpty()) {
      return Optional.empty();
    }
    Instant asOf = c.scannedAt().toInstant().minus(c.snapshotAge().get());
    return Optional.of(
        ColorSnapshot.newBuilder().setColor(c.color()).setAsOf(Timestamps.of(asOf)).build());
  }
}
