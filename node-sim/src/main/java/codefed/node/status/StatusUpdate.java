package codefed.node.status;

import codefed.node.registry.Visit;
import healthcode.federation.v1.Reason;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The health authority's change to one code (the domain form of {@code UpdateStatusRequest}).
 *
 * @param findings authority-asserted reasons; they replace earlier findings (any reason is
 *     allowed, including WHITELISTED)
 * @param clearDeclaredReasons drop what followed from the declaration: declared reasons and
 *     the declared origin areas
 * @param visits itinerary visits to add (or to set, with {@code replaceVisits})
 * @param replaceVisits replace the itinerary with {@code visits} instead of adding to it
 * @param revoke revoke the code (irreversible)
 */
public record StatusUpdate(
    Set<Reason> findings,
    boolean clearDeclaredReasons,
    List<Visit> visits,
    boolean replaceVisits,
    boolean revoke) {

  public StatusUpdate {
    Objects.requireNonNull(findings, "findings");
    if (findings.contains(Reason.REASON_UNSPECIFIED) || findings.contains(Reason.UNRECOGNIZED)) {
      throw new IllegalArgumentException("findings: " + findings + " (expected: named reasons)");
    }
    findings =
        findings.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(findings));
    visits = List.copyOf(visits);
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

  /** Revoke the code. */
  public static StatusUpdate revocation() {
    return new StatusUpdate(Set.of(), false, List.of(), false, true);
  }
}
