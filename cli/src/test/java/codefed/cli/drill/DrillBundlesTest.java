package codefed.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;

import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A drill runs every node, gateway and checkpoint from its own bundle, never the authority's
 * directory.
 */
class DrillBundlesTest {
  static final Instant MARCH_20 = Instant.parse("2020-03-20T01:00:00Z");

  @TempDir Path dir;

  @Test
  void drill_partiesRunFromBundlesWithoutTheCaKey_andTheCheckpointReachesItsGateway()
      throws Exception {
    try (Drill drill =
            Drill.start(
                dir,
                Set.of("140000", "420000"),
                Set.of("150000"),
                MARCH_20,
                MARCH_20.minus(Duration.ofDays(30)),
                0);
        DrillGateway gateway = drill.gateway("150000", dir.resolve("audit"))) {
      Decision d =
          gateway.scan(
              "HCF1:not-a-code", CheckpointType.CHECKPOINT_TYPE_TRAFFIC, OptionalDouble.empty());

      assertThat(d.getOutcome()).isEqualTo(Outcome.OUTCOME_REJECT);
    }
    Path bundles = dir.resolve("bundles");
    assertThat(List.of("node/140000", "node/420000", "gateway/150000", "checkpoint/checkpoint-1"))
        .allSatisfy(b -> assertThat(bundles.resolve(b).resolve("pki.properties")).exists());
    assertThat(filesUnder(bundles)).noneMatch(f -> f.endsWith("ca/ca.key"));
    assertThat(filesUnder(bundles.resolve("node/140000")))
        .filteredOn(f -> f.toString().endsWith(".key"))
        .allSatisfy(
            f ->
                assertThat(f.toString())
                    .containsAnyOf("/node/140000/node/140000.key", "/issuers/140000/"));
    assertThat(bundles.resolve("node/140000/issuers/420000")).doesNotExist();
    assertThat(dir.resolve("pki/ca/ca.key")).exists();
  }

  private static List<Path> filesUnder(Path root) throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).toList();
    }
  }
}
