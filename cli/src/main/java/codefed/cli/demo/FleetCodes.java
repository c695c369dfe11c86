package codefed.cli.demo;

import codefed.cli.drill.Drill;
import codefed.node.issuance.IssueOptions;
import codefed.node.population.PopulationGenerator;
import codefed.node.population.Resident;
import healthcode.federation.v1.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Codes for the fleet demo (green, every tenth with fever reported, so outcomes differ), issued by
 * a drill node an hour before now (seeded residents).
 */
final class FleetCodes {
  private FleetCodes() {}

  static String issue(Drill drill, String issuer, int index) throws Exception {
    Instant now = drill.clock().instant();
    Resident r = new PopulationGenerator(issuer, 2020).resident(index, now);
    return drill
        .node(issuer)
        .issue(
            IssueOptions.builder()
                .declaration(r.declaration())
                .issuedAt(now.minus(Duration.ofHours(1)))
                .status(
                    index % 10 == 9
                        ? Set.of(Reason.REASON_FEVER_OR_RESPIRATORY_SYMPTOMS)
                        : Set.of(),
                    List.of())
                .noSnapshot()
                .build())
        .qrText();
  }
}
