package codefed.node.status;

import codefed.node.registry.Visit;
import healthcode.federation.v1.Reason;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The health authority's change to one code (the domain form of {@code UpdateStatusRequest}).
 *
 * @param findings authority-asserted reasons; they replace earlier findings (any reason is allowed,
 *     including WHITELISTED)
 * @param clearDeclaredReasons drop what followed from the declaration: declared reasons and the
 *     declared origin areas
 * @param visits itinerary visits to add (or to set, with {@code replaceVisits})
 * @param replaceVisits replace the itinerary with {@code visits} instead of adding to it
 * @param revoke revoke the code (irreversible)
 * @param issuerColor a color by the province's own criteria; like findings it replaces the earlier
 *     one (an update without it returns the code to seed 003's criteria); not combinable with
 *     findings
 */
public record StatusUpdate(
    Set<Reason> findings,
    boolean clearDeclaredReasons,
    List<Visit> visits,
    boolean replaceVisits,
    boolean revoke,
    Optional<IssuerColor> issuerColor) {

  public StatusUpdate {
    Objects.requireNonNull(findings, "findings");
    Objects.requireNonNull(issuerColor, "issuerColor");
    if (findings.contains(Reason.REASON_UNSPECIFIED) || findings.contains(Reason.UNRECOGNIZED)) {
      throw new IllegalArgumentException("findings: " + findings + " (expected: named reasons)");
    }
    if (findings.contains(Reason.REASON_ISSUER_CRITERIA)) {
      throw new IllegalArgumentException(
          "findings: "
              + findings
              + " (expected: seed-003 reasons; own criteria go in issuerColor)");
    }
    if (issuerColor.isPresent() && !findings.isEmpty()) {
      throw new IllegalArgumentException(
          "findings: " + findings + " (expected: none with an issuer color)");
    }
    findings =
        findings.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(findings));
    visits = List.copyOf(visits);
  }

  /** An update whose color follows from seed 003's reasons (no issuer color). */
  public StatusUpdate(
      Set<Reason> findings,
      boolean clearDeclaredReasons,
      List<Visit> visits,
      boolean replaceVisits,
      boolean revoke) {
    this(findings, clearDeclaredReasons, visits, replaceVisits, revoke, Optional.empty());
  }

  /** Replace the findings, keep everything else. */
  public static StatusUpdate findings(Set<Reason> findings) {
    return new StatusUpdate(findings, false, List.of(), false, false);
  }

  /**
   * Make the code's reasons exactly {@code reasons} and its itinerary exactly {@code visits}:
   * clears declared reasons and origins, replaces findings and visits. Used by drills and the
   * acceptance runner to put a holder in a given state.
   */
  public static StatusUpdate exactly(Set<Reason> reasons, List<Visit> visits) {
    return new StatusUpdate(reasons, true, visits, true, false);
  }

  /**
   * Give the code exactly this color by the province's own criteria and exactly this itinerary: the
   * {@link #exactly(Set, List)} of a holder whose color seed 003 cannot express.
   */
  public static StatusUpdate exactly(IssuerColor color, List<Visit> visits) {
    return new StatusUpdate(Set.of(), true, visits, true, false, Optional.of(color));
  }

  /** Revoke the code. */
  public static StatusUpdate revocation() {
    return new StatusUpdate(Set.of(), false, List.of(), false, true);
  }
}
