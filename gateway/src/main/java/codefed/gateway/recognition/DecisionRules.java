package codefed.gateway.recognition;

import codefed.gateway.policy.CheckpointRule;
import codefed.gateway.policy.Policy;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.ColorSnapshot;
import healthcode.federation.v1.DecisionCause;
import healthcode.federation.v1.ItineraryVisit;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.StatusAssertion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Steps 2–5 of a decision (DESIGN.md "Gateway: one decision") as a pure function of the policy in
 * force and the {@link DecisionInput}: recognition, expiry, status, evaluation. Step 1's verdict
 * arrives in the input (a rejection); steps 1–3 never need a node, which {@link #statusNeeded}
 * tells the caller before it asks one.
 */
public final class DecisionRules {
  private static final EnumSet<Reason> HOSPITAL =
      EnumSet.of(Reason.REASON_CONFIRMED, Reason.REASON_SUSPECTED);

  private DecisionRules() {}

  /**
   * The decision for this input under this policy.
   *
   * @param policy the version in force at the scan time, or {@code null} when none was
   */
  public static DecisionResult decide(Policy policy, DecisionInput input) {
    Optional<DecisionResult> early = beforeStatus(policy, input);
    if (early.isPresent()) {
      return early.get();
    }
    List<Measure> always = always(policy, input);
    String unreachable = "issuer " + issuer(input) + " unreachable";
    boolean answerAhead = false;
    if (input.status().isPresent()) {
      StatusAssertion a = input.status().get().assertion();
      if (!assertionAhead(policy, input.scannedAt(), a)) {
        return fromStatus(policy, input, a, always);
      }
      // A node whose clock runs ahead cannot vouch for "now": as if it had not answered.
      unreachable =
          "issuer's answer asserted at "
              + Timestamps.toInstant(a.getAssertedAt())
              + " is ahead of the gateway clock by more than "
              + policy.clockSkewTolerance();
      answerAhead = true;
    }
    Optional<ColorSnapshot> snapshot =
        input.snapshot().filter(s -> snapshotUsable(policy, input, s));
    if (!input.nodeReachable() && snapshot.isPresent()) {
      ColorSnapshot s = snapshot.get();
      return evaluate(
          policy,
          input,
          s.getColor(),
          List.of(),
          List.of(),
          RiskLevel.RISK_LEVEL_UNSPECIFIED,
          true,
          always);
    }
    String why;
    DecisionCause cause;
    if (input.snapshot().isEmpty()) {
      why = unreachable + " and the code carries no color snapshot";
      cause =
          answerAhead
              ? DecisionCause.DECISION_CAUSE_CLOCK_SKEW
              : DecisionCause.DECISION_CAUSE_ISSUER_UNREACHABLE;
    } else if (ahead(policy, input.scannedAt(), input.snapshot().get().getAsOf())) {
      why =
          unreachable
              + " and the code's color snapshot (as of "
              + Timestamps.toInstant(input.snapshot().get().getAsOf())
              + ") is ahead of the gateway clock by more than "
              + policy.clockSkewTolerance();
      cause = DecisionCause.DECISION_CAUSE_CLOCK_SKEW;
    } else {
      why =
          unreachable
              + " and the code's color snapshot is older than "
              + policy.offlineSnapshotMaxAge();
      cause =
          answerAhead
              ? DecisionCause.DECISION_CAUSE_CLOCK_SKEW
              : DecisionCause.DECISION_CAUSE_SNAPSHOT_TOO_OLD;
    }
    return manual(cause, why, always);
  }

  /**
   * Whether the node's answer claims a time ahead of the scan by more than the policy's clock skew
   * tolerance; such an answer is not used, and the scan goes the unreachable way.
   */
  public static boolean assertionAhead(Policy policy, Instant scannedAt, StatusAssertion a) {
    return a.hasAssertedAt() && ahead(policy, scannedAt, a.getAssertedAt());
  }

  private static boolean ahead(Policy policy, Instant scannedAt, com.google.protobuf.Timestamp t) {
    return Timestamps.toInstant(t).isAfter(scannedAt.plus(policy.clockSkewTolerance()));
  }

  /** Whether the decision depends on the node's status, i.e. steps 1–3 did not decide it. */
  public static boolean statusNeeded(Policy policy, DecisionInput input) {
    return beforeStatus(policy, input).isEmpty();
  }

  /** Steps 1–3: verification verdict, recognition, expiry. */
  private static Optional<DecisionResult> beforeStatus(Policy policy, DecisionInput input) {
    if (!input.verified()) {
      return Optional.of(
          reject(
              DecisionCauses.ofRejection(input.code().getRejection()),
              "code rejected: " + input.code().getRejection()));
    }
    if (policy == null) {
      return Optional.of(
          manual(
              DecisionCause.DECISION_CAUSE_NO_POLICY,
              "no policy in force for " + input.jurisdiction() + " at " + input.scannedAt(),
              List.of()));
    }
    if (ahead(policy, input.scannedAt(), input.code().getIssuedAt())) {
      return Optional.of(
          reject(
              DecisionCause.DECISION_CAUSE_CODE_FROM_FUTURE,
              "code issued at "
                  + Timestamps.toInstant(input.code().getIssuedAt())
                  + ", ahead of the gateway clock by more than "
                  + policy.clockSkewTolerance()));
    }
    List<Measure> always = always(policy, input);
    Policy.RecognitionVerdict verdict = policy.recognition(issuer(input), input.scannedAt());
    if (!verdict.recognized()) {
      return Optional.of(
          manual(
              DecisionCause.DECISION_CAUSE_ISSUER_NOT_RECOGNIZED, verdict.explanation(), always));
    }
    Instant expiresAt = Timestamps.toInstant(input.code().getExpiresAt());
    Instant validityEnd =
        Timestamps.toInstant(input.code().getIssuedAt()).plus(policy.codeValidity());
    Instant end = validityEnd.isBefore(expiresAt) ? validityEnd : expiresAt;
    if (!input.scannedAt().isBefore(end)) {
      List<Measure> measures = new ArrayList<>(always);
      measures.add(Measure.MEASURE_RE_DECLARE);
      return Optional.of(
          new DecisionResult(
              Outcome.OUTCOME_EXPIRED,
              measures,
              List.of(),
              Color.COLOR_UNSPECIFIED,
              RiskLevel.RISK_LEVEL_UNSPECIFIED,
              false,
              "code expired at " + end,
              DecisionCause.DECISION_CAUSE_CODE_EXPIRED));
    }
    return Optional.empty();
  }

  /** Step 4 with the node's answer. */
  private static DecisionResult fromStatus(
      Policy policy, DecisionInput input, StatusAssertion a, List<Measure> always) {
    if (a.getState() == CodeState.CODE_STATE_UNKNOWN) {
      return reject(
          DecisionCause.DECISION_CAUSE_CODE_UNKNOWN_TO_ISSUER,
          "issuer " + a.getIssuer() + " does not know this code");
    }
    if (a.getState() == CodeState.CODE_STATE_REVOKED) {
      return reject(
          DecisionCause.DECISION_CAUSE_CODE_REVOKED, "code revoked by issuer " + a.getIssuer());
    }
    if (a.getState() != CodeState.CODE_STATE_ACTIVE || !isColor(a.getColor())) {
      return manual(
          DecisionCause.DECISION_CAUSE_ANSWER_UNUSABLE,
          "issuer's answer has no usable state or color",
          always);
    }
    Instant assertedAt = Timestamps.toInstant(a.getAssertedAt());
    if (input.scannedAt().isAfter(assertedAt.plus(policy.cacheFreshness()))) {
      return manual(
          DecisionCause.DECISION_CAUSE_ANSWER_TOO_OLD,
          "issuer's answer from " + assertedAt + " is older than " + policy.cacheFreshness(),
          always);
    }
    if (a.hasValidUntil() && input.scannedAt().isAfter(Timestamps.toInstant(a.getValidUntil()))) {
      return manual(
          DecisionCause.DECISION_CAUSE_ANSWER_TOO_OLD,
          "issuer's answer expired at " + Timestamps.toInstant(a.getValidUntil()),
          always);
    }
    return evaluate(
        policy,
        input,
        a.getColor(),
        a.getReasonsList(),
        a.getItineraryList(),
        a.getItineraryRisk(),
        false,
        always);
  }

  /** Step 5. */
  private static DecisionResult evaluate(
      Policy policy,
      DecisionInput input,
      Color color,
      List<Reason> reasons,
      List<ItineraryVisit> itinerary,
      RiskLevel itineraryRisk,
      boolean offline,
      List<Measure> always) {
    EnumSet<Measure> measures = EnumSet.noneOf(Measure.class);
    List<String> why = new ArrayList<>();
    List<DecisionCause> causes = new ArrayList<>();
    String colorName = name(color);
    if (color == Color.COLOR_RED) {
      boolean hospital = reasons.stream().anyMatch(HOSPITAL::contains);
      measures.add(
          hospital
              ? Measure.MEASURE_HOSPITAL_TRANSFER
              : Measure.MEASURE_CENTRAL_OR_HOME_QUARANTINE_14D);
      why.add(colorName + reasonsText(reasons));
      causes.add(DecisionCause.DECISION_CAUSE_RED);
    } else if (color == Color.COLOR_YELLOW) {
      measures.add(Measure.MEASURE_HOME_QUARANTINE_14D);
      why.add(colorName + reasonsText(reasons));
      causes.add(DecisionCause.DECISION_CAUSE_YELLOW);
    }
    if (input.temperatureCelsius().isPresent()
        && input.temperatureCelsius().getAsDouble() >= policy.feverThresholdCelsius()) {
      measures.add(Measure.MEASURE_FEVER_CLINIC);
      why.add("temperature " + input.temperatureCelsius().getAsDouble() + " °C");
      causes.add(DecisionCause.DECISION_CAUSE_FEVER);
    }
    Optional<RiskLevel> risky =
        offline ? Optional.empty() : riskyVisit(policy, input, itinerary, itineraryRisk);
    if (risky.isPresent()) {
      measures.add(Measure.MEASURE_RISK_AREA_CHECK);
      why.add(
          "visited a " + name(risky.get()) + "-risk area within " + policy.itinerary().window());
      causes.add(DecisionCause.DECISION_CAUSE_RISK_AREA);
    }
    CheckpointRule rule = policy.checkpoint(input.checkpointType());
    if (rule.denyEntryRedYellow() && (color == Color.COLOR_RED || color == Color.COLOR_YELLOW)) {
      measures.add(Measure.MEASURE_DENY_ENTRY);
    }
    Outcome outcome = measures.isEmpty() ? Outcome.OUTCOME_PASS : Outcome.OUTCOME_CONTROL;
    measures.addAll(always);
    String explanation = outcome == Outcome.OUTCOME_PASS ? colorName : String.join("; ", why);
    if (offline) {
      explanation += " (offline: color snapshot)";
    }
    DecisionCause cause =
        outcome == Outcome.OUTCOME_PASS ? DecisionCause.DECISION_CAUSE_GREEN : causes.get(0);
    return new DecisionResult(
        outcome, List.copyOf(measures), reasons, color, itineraryRisk, offline, explanation, cause);
  }

  /**
   * The itinerary risk level this policy acts on for this answer: the highest level it controls
   * among the visits within its window (or the answer's overall level when it lists no visits);
   * {@code RISK_LEVEL_UNSPECIFIED} when none. What an audit record keeps in the clear in place of
   * the itinerary, so that a replay without the sealed answer reaches the same decision.
   */
  public static RiskLevel controlledItineraryRisk(
      Policy policy, DecisionInput input, StatusAssertion a) {
    if (policy == null) {
      return RiskLevel.RISK_LEVEL_UNSPECIFIED;
    }
    return riskyVisit(policy, input, a.getItineraryList(), a.getItineraryRisk())
        .orElse(RiskLevel.RISK_LEVEL_UNSPECIFIED);
  }

  private static Optional<RiskLevel> riskyVisit(
      Policy policy, DecisionInput input, List<ItineraryVisit> itinerary, RiskLevel itineraryRisk) {
    if (!policy.itinerary().enabled()) {
      return Optional.empty();
    }
    if (itinerary.isEmpty()) {
      return policy.itinerary().controls(itineraryRisk)
          ? Optional.of(itineraryRisk)
          : Optional.empty();
    }
    Instant windowStart = input.scannedAt().minus(policy.itinerary().window());
    return itinerary.stream()
        .filter(
            v -> !v.hasVisitedAt() || !Timestamps.toInstant(v.getVisitedAt()).isBefore(windowStart))
        .map(ItineraryVisit::getRiskLevel)
        .filter(policy.itinerary()::controls)
        .max(Enum::compareTo);
  }

  private static boolean snapshotUsable(Policy policy, DecisionInput input, ColorSnapshot s) {
    if (!isColor(s.getColor()) || !s.hasAsOf() || ahead(policy, input.scannedAt(), s.getAsOf())) {
      return false;
    }
    Duration age = Duration.between(Timestamps.toInstant(s.getAsOf()), input.scannedAt());
    return age.compareTo(policy.offlineSnapshotMaxAge()) <= 0;
  }

  private static List<Measure> always(Policy policy, DecisionInput input) {
    return List.copyOf(policy.checkpoint(input.checkpointType()).always());
  }

  private static DecisionResult reject(DecisionCause cause, String why) {
    return new DecisionResult(
        Outcome.OUTCOME_REJECT,
        List.of(),
        List.of(),
        Color.COLOR_UNSPECIFIED,
        RiskLevel.RISK_LEVEL_UNSPECIFIED,
        false,
        why,
        cause);
  }

  private static DecisionResult manual(DecisionCause cause, String why, List<Measure> always) {
    List<Measure> measures = new ArrayList<>(always);
    measures.add(Measure.MEASURE_MANUAL_CHECK);
    return new DecisionResult(
        Outcome.OUTCOME_MANUAL_VERIFICATION,
        measures,
        List.of(),
        Color.COLOR_UNSPECIFIED,
        RiskLevel.RISK_LEVEL_UNSPECIFIED,
        false,
        why,
        cause);
  }

  private static boolean isColor(Color c) {
    return c == Color.COLOR_GREEN || c == Color.COLOR_YELLOW || c == Color.COLOR_RED;
  }

  private static String issuer(DecisionInput input) {
    return input.code().getIssuer();
  }

  private static String reasonsText(List<Reason> reasons) {
    return reasons.isEmpty()
        ? ""
        : " (" + String.join(", ", reasons.stream().map(DecisionRules::name).toList()) + ")";
  }

  static String name(Enum<?> value) {
    return EnumNames.designName(value);
  }
}
