package codefed.cli.demo;

import codefed.cli.drill.Drill;
import codefed.node.issuance.IssueOptions;
import codefed.node.population.PopulationGenerator;
import codefed.node.population.Resident;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Green codes for the fleet demo, issued by a drill node an hour before now (seeded residents). */
final class FleetCodes {
  private FleetCodes() {}

  static String issue(Drill drill, String issuer, int index) throws Exception {
    Instant now = drill.clock().instant();
    Resident r = new PopulationGenerator(issuer, 2020).resident(index, now);
    return drill.node(issuer).issue(IssueOptions.builder()
        .declaration(r.declaration())
        .issuedAt(now.minus(Duration.ofHours(1)))
        .status(Set.of(), List.of())
        .noSnapshot()
        .build()).qrText();
  }
}
