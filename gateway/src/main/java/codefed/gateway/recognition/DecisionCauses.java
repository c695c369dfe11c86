package codefed.gateway.recognition;

import healthcode.federation.v1.DecisionCause;
import healthcode.federation.v1.Outcome;

/**
 * Which outcome each {@link DecisionCause} belongs to, and the cause of a failed verification: the
 * machine-readable "why" that any client localizes, kept consistent with the outcome.
 */
public final class DecisionCauses {
  private DecisionCauses() {}

  /** The one outcome this cause explains; {@code OUTCOME_UNSPECIFIED} for no cause. */
  public static Outcome outcomeOf(DecisionCause cause) {
    return switch (cause) {
      case DECISION_CAUSE_GREEN -> Outcome.OUTCOME_PASS;
      case DECISION_CAUSE_RED,
          DECISION_CAUSE_YELLOW,
          DECISION_CAUSE_FEVER,
          DECISION_CAUSE_RISK_AREA ->
          Outcome.OUTCOME_CONTROL;
      case DECISION_CAUSE_CODE_EXPIRED -> Outcome.OUTCOME_EXPIRED;
      case DECISION_CAUSE_CODE_DAMAGED,
          DECISION_CAUSE_ISSUER_UNKNOWN,
          DECISION_CAUSE_KEY_NOT_VALID,
          DECISION_CAUSE_KEY_COMPROMISED,
          DECISION_CAUSE_CODE_UNKNOWN_TO_ISSUER,
          DECISION_CAUSE_CODE_REVOKED,
          DECISION_CAUSE_CODE_FROM_FUTURE ->
          Outcome.OUTCOME_REJECT;
      case DECISION_CAUSE_ISSUER_NOT_RECOGNIZED,
          DECISION_CAUSE_NO_POLICY,
          DECISION_CAUSE_ISSUER_UNREACHABLE,
          DECISION_CAUSE_SNAPSHOT_TOO_OLD,
          DECISION_CAUSE_ANSWER_TOO_OLD,
          DECISION_CAUSE_ANSWER_UNUSABLE,
          DECISION_CAUSE_CLOCK_SKEW ->
          Outcome.OUTCOME_MANUAL_VERIFICATION;
      case DECISION_CAUSE_UNSPECIFIED, UNRECOGNIZED -> Outcome.OUTCOME_UNSPECIFIED;
    };
  }

  /**
   * The cause of a verification failure from its recorded text, which starts with the failure class
   * ({@link UnverifiableCodeException#reason()}, e.g. {@code "BAD_SIGNATURE: ..."}). Anything not
   * naming the issuer or its key is a damaged code: it does not read, or not as signed.
   */
  public static DecisionCause ofRejection(String rejection) {
    int colon = rejection.indexOf(':');
    String failure = colon < 0 ? rejection.strip() : rejection.substring(0, colon).strip();
    return switch (failure) {
      case "UNKNOWN_ISSUER", "UNKNOWN_KEY" -> DecisionCause.DECISION_CAUSE_ISSUER_UNKNOWN;
      case "KEY_NOT_VALID" -> DecisionCause.DECISION_CAUSE_KEY_NOT_VALID;
      case "KEY_COMPROMISED" -> DecisionCause.DECISION_CAUSE_KEY_COMPROMISED;
      default -> DecisionCause.DECISION_CAUSE_CODE_DAMAGED;
    };
  }
}
