package codefed.node.registry;

import codefed.node.status.IssuerColor;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Reason;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the node stores about one issued code. Immutable; updates produce a new record.
 *
 * <p>The color is not stored: it is derived from the reasons (seed 003) and the current risk areas
 * each time it is needed, so changing an area's risk level recolors codes without rewriting them.
 * The exception is a color the province sets by its own criteria ({@link IssuerColor}), which is
 * stored as given.
 *
 * @param declaredReasons reasons that follow from the holder's own declaration (symptoms, contacts,
 *     cross-city travel)
 * @param findings reasons asserted by the health authority through {@code UpdateStatus}
 * @param originAreas areas the holder declared travelling from or through; their risk level yields
 *     {@code FROM_KEY_EPIDEMIC_AREA} (HIGH) or {@code FROM_HIGHER_RISK_COUNTY} (MEDIUM)
 * @param visits itinerary visits reported by the telecom service (never change the color)
 * @param issuerColor a color by the province's own criteria, set through {@code UpdateStatus};
 *     while present it replaces the color the reasons give
 */
public record CodeRecord(
    CodeId id,
    Holder holder,
    Instant issuedAt,
    Instant expiresAt,
    CodeState state,
    Set<Reason> declaredReasons,
    Set<Reason> findings,
    List<String> originAreas,
    List<Visit> visits,
    Optional<IssuerColor> issuerColor) {

  public CodeRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(issuedAt, "issuedAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(state, "state");
    if (state != CodeState.CODE_STATE_ACTIVE && state != CodeState.CODE_STATE_REVOKED) {
      throw new IllegalArgumentException("state: " + state + " (expected: ACTIVE or REVOKED)");
    }
    if (!expiresAt.isAfter(issuedAt)) {
      throw new IllegalArgumentException(
          "expiresAt: " + expiresAt + " (expected: after issuedAt " + issuedAt + ")");
    }
    declaredReasons = copyOf(declaredReasons, "declaredReasons");
    findings = copyOf(findings, "findings");
    originAreas = List.copyOf(originAreas);
    visits = List.copyOf(visits);
    Objects.requireNonNull(issuerColor, "issuerColor");
  }

  /** A record whose color follows from its reasons (no issuer color). */
  public CodeRecord(
      CodeId id,
      Holder holder,
      Instant issuedAt,
      Instant expiresAt,
      CodeState state,
      Set<Reason> declaredReasons,
      Set<Reason> findings,
      List<String> originAreas,
      List<Visit> visits) {
    this(
        id,
        holder,
        issuedAt,
        expiresAt,
        state,
        declaredReasons,
        findings,
        originAreas,
        visits,
        Optional.empty());
  }

  /** Whether the platform revoked this code. */
  public boolean revoked() {
    return state == CodeState.CODE_STATE_REVOKED;
  }

  /** This record with other authority findings. */
  public CodeRecord withFindings(Set<Reason> newFindings) {
    return new CodeRecord(
        id,
        holder,
        issuedAt,
        expiresAt,
        state,
        declaredReasons,
        newFindings,
        originAreas,
        visits,
        issuerColor);
  }

  /** This record with other declared reasons (e.g. cleared by the authority). */
  public CodeRecord withDeclaredReasons(Set<Reason> reasons) {
    return new CodeRecord(
        id,
        holder,
        issuedAt,
        expiresAt,
        state,
        reasons,
        findings,
        originAreas,
        visits,
        issuerColor);
  }

  /** This record with other declared origin areas. */
  public CodeRecord withOriginAreas(List<String> areas) {
    return new CodeRecord(
        id,
        holder,
        issuedAt,
        expiresAt,
        state,
        declaredReasons,
        findings,
        areas,
        visits,
        issuerColor);
  }

  /** This record with another itinerary. */
  public CodeRecord withVisits(List<Visit> newVisits) {
    return new CodeRecord(
        id,
        holder,
        issuedAt,
        expiresAt,
        state,
        declaredReasons,
        findings,
        originAreas,
        newVisits,
        issuerColor);
  }

  /** This record with another issuer color (or none). */
  public CodeRecord withIssuerColor(Optional<IssuerColor> color) {
    return new CodeRecord(
        id,
        holder,
        issuedAt,
        expiresAt,
        state,
        declaredReasons,
        findings,
        originAreas,
        visits,
        color);
  }

  /** This record, revoked. */
  public CodeRecord revoke() {
    return new CodeRecord(
        id,
        holder,
        issuedAt,
        expiresAt,
        CodeState.CODE_STATE_REVOKED,
        declaredReasons,
        findings,
        originAreas,
        visits,
        issuerColor);
  }

  private static Set<Reason> copyOf(Set<Reason> reasons, String name) {
    Objects.requireNonNull(reasons, name);
    if (reasons.contains(Reason.REASON_UNSPECIFIED) || reasons.contains(Reason.UNRECOGNIZED)) {
      throw new IllegalArgumentException(name + ": " + reasons + " (expected: named reasons only)");
    }
    return reasons.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(reasons));
  }
}
