package codefed.node.population;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.node.declaration.AcceptedDeclaration;
import codefed.node.declaration.DeclarationValidator;
import codefed.node.region.Regions;
import codefed.node.status.ColorRules;
import codefed.node.status.DeclaredReasons;
import codefed.time.MutableClock;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.IdType;
import healthcode.federation.v1.Reason;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PopulationGeneratorTest {
  private static final long SEED = 20200320L;
  private static final MutableClock CLOCK = MutableClock.at("2020-03-20T09:00:00+08:00");
  private static final Instant REFERENCE = CLOCK.instant();

  @Test
  void sameSeed_samePopulation() {
    List<Resident> first =
        new PopulationGenerator("140000", SEED).residents(500, REFERENCE).toList();
    List<Resident> second =
        new PopulationGenerator("140000", SEED).residents(500, REFERENCE).toList();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void otherSeed_otherPopulation() {
    Resident a = new PopulationGenerator("140000", SEED).resident(0, REFERENCE);
    Resident b = new PopulationGenerator("140000", SEED + 1).resident(0, REFERENCE);

    assertThat(a.codeId()).isNotEqualTo(b.codeId());
    assertThat(a.declaration()).isNotEqualTo(b.declaration());
  }

  @Test
  void everyResident_hasAValidDeclaration_withTheIntendedSeed003Color() throws Exception {
    DeclarationValidator validator = new DeclarationValidator(Regions.bundled(), CLOCK);
    List<Resident> residents =
        new PopulationGenerator("140000", SEED).residents(5000, REFERENCE).toList();

    for (Resident resident : residents) {
      AcceptedDeclaration accepted = validator.validate(resident.declaration());
      Set<Reason> reasons = EnumSet.noneOf(Reason.class);
      reasons.addAll(DeclaredReasons.of(accepted));
      reasons.addAll(resident.findings());
      assertThat(ColorRules.colorOf(reasons))
          .as("resident %d", resident.index())
          .isEqualTo(resident.intendedColor());
      if (accepted.idType() == IdType.ID_TYPE_RESIDENT_ID) {
        assertThat(accepted.idNumber()).startsWith("14");
      }
    }
  }

  @Test
  void colors_areAbout97_2_1Percent_withProxiesAndPassports() {
    List<Resident> residents =
        new PopulationGenerator("530000", SEED).residents(20_000, REFERENCE).toList();
    Map<Color, Long> colors =
        residents.stream()
            .collect(
                Collectors.groupingBy(
                    Resident::intendedColor,
                    () -> new EnumMap<>(Color.class),
                    Collectors.counting()));

    assertThat(colors.get(Color.COLOR_GREEN)).isBetween(19_200L, 19_600L);
    assertThat(colors.get(Color.COLOR_YELLOW)).isBetween(300L, 500L);
    assertThat(colors.get(Color.COLOR_RED)).isBetween(130L, 270L);
    assertThat(residents.stream().filter(r -> r.declaration().hasProxy()).count())
        .isGreaterThan(200);
    assertThat(
            residents.stream()
                .filter(r -> r.declaration().getIdType() == IdType.ID_TYPE_PASSPORT)
                .count())
        .isBetween(100L, 300L);
    Map<Reason, Long> reasons =
        residents.stream()
            .flatMap(r -> r.findings().stream())
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(reasons)
        .containsKeys(
            Reason.REASON_CONFIRMED,
            Reason.REASON_SAME_BUILDING_AS_CASE,
            Reason.REASON_WHITELISTED);
  }

  @Test
  void codeIds_areDistinct() {
    List<Resident> residents =
        new PopulationGenerator("140000", SEED).residents(20_000, REFERENCE).toList();

    assertThat(residents.stream().map(Resident::codeId).distinct().count()).isEqualTo(20_000);
  }
}
