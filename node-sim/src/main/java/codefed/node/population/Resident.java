package codefed.node.population;

import codefed.node.registry.CodeId;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Declaration;
import healthcode.federation.v1.Reason;
import java.time.Duration;
import java.util.Set;

/**
 * One synthetic resident: the declaration they submit, the health authority's findings about them,
 * the id of their code and how long before the reference instant it was issued.
 *
 * @param intendedColor the color seed 003 gives this resident (for checks and statistics)
 */
public record Resident(
    int index,
    CodeId codeId,
    Declaration declaration,
    Set<Reason> findings,
    Duration issuedAgo,
    Color intendedColor) {

  public Resident {
    findings = Set.copyOf(findings);
  }

  @Override
  public String toString() {
    return "Resident[index=" + index + ", color=" + intendedColor + "]";
  }
}
