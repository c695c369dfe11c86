package codefed.node.declaration;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.node.region.Regions;
import codefed.node.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ResidentIdNumberTest {
  private static final LocalDate TODAY = LocalDate.of(2020, 3, 20);

  /** Rows of the "Resident ID check digit" table in testdata/reference-vectors.md. */
  static Stream<Arguments> referenceVectors() throws IOException {
    String text = Files.readString(TestData.file("reference-vectors.md"));
    String section = text.substring(text.indexOf("## Resident ID"), text.indexOf("## Merkle"));
    Matcher row = Pattern.compile("\\| `([0-9X]{18})` \\| (yes|no)").matcher(section);
    List<Arguments> rows = new java.util.ArrayList<>();
    while (row.find()) {
      rows.add(Arguments.of(row.group(1), row.group(2).equals("yes")));
    }
    assertThat(rows).hasSize(7);
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} valid={1}")
  @MethodSource("referenceVectors")
  void problem_referenceVector_matchesStandard(String id, boolean valid) {
    assertThat(ResidentIdNumber.problem(id, "id", Regions.bundled(), TODAY).isEmpty())
        .isEqualTo(valid);
  }

  @Test
  void checkCharacter_standardExample_isX() {
    assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
  }

  @Test
  void problem_feb29InNonLeapYear_namesTheDate() {
    assertThat(ResidentIdNumber.problem("14010520010229456X", "f", Regions.bundled(), TODAY))
        .get()
        .extracting(InvalidDeclarationException::problem)
        .isEqualTo(Problem.ID_BIRTH_DATE);
  }

  @Test
  void problem_unknownProvincePrefix_isRegionProblem() {
    assertThat(ResidentIdNumber.problem("990105194912310023", "f", Regions.bundled(), TODAY))
        .get()
        .extracting(InvalidDeclarationException::problem)
        .isEqualTo(Problem.ID_REGION);
  }

  @Test
  void isMale_oddSequenceDigit() {
    assertThat(ResidentIdNumber.isMale("150802199003071235")).isTrue();
    assertThat(ResidentIdNumber.isMale("140105200002294562")).isFalse();
  }
}
