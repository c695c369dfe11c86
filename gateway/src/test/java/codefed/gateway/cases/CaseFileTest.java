package codefed.gateway.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RiskLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseFileTest {
  static Path testdata(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(dir.resolve("testdata"))) {
      dir = dir.getParent();
    }
    return dir.resolve("testdata").resolve(name);
  }

  private static final String HEADER =
      "id,jurisdiction,scanned_at,checkpoint,issuer,color,reasons,code_age_hours,temperature,"
          + "itinerary,node,snapshot_age_minutes,tamper,expected_outcome,expected_measures";

  @Test
  void shippedAcceptanceFile_parsesAllRows() throws Exception {
    List<RecognitionCase> cases = CaseFile.read(testdata("recognition-cases.csv"));
    assertThat(cases).hasSize(32);
    RecognitionCase c29 = cases.get(28);
    assertThat(c29.id()).isEqualTo("C29");
    assertThat(c29.expectedOutcome()).isEqualTo(Outcome.OUTCOME_CONTROL);
    assertThat(c29.expectedMeasures())
        .containsExactlyInAnyOrder(
            Measure.MEASURE_HOME_QUARANTINE_14D, Measure.MEASURE_FEVER_CLINIC);
    assertThat(c29.temperature()).hasValue(37.8);
    RecognitionCase c13 = cases.get(12);
    assertThat(c13.itinerary()).containsExactly(RiskLevel.RISK_LEVEL_LOW, RiskLevel.RISK_LEVEL_LOW);
    assertThat(cases.get(23).snapshotAge()).contains(Duration.ofMinutes(3));
    assertThat(cases.get(13).checkpoint()).isEqualTo(CheckpointType.CHECKPOINT_TYPE_MEDICAL);
  }

  @Test
  void badValue_errorNamesLineAndColumn() {
    List<String> lines =
        List.of(
            HEADER,
            "X1,150000,2020-03-20T09:00:00+08:00,AIRPORT,140000,GREEN,,72,36.5,,UP,,NONE,PASS,");
    assertThatThrownBy(() -> CaseFile.parse("f.csv", lines))
        .hasMessage("f.csv:2: checkpoint: \"AIRPORT\" is not a known CheckpointType");
  }

  @Test
  void missingColumn_isRefused() {
    assertThatThrownBy(() -> CaseFile.parse("f.csv", List.of("id,jurisdiction")))
        .hasMessageContaining("header lacks column \"scanned_at\"");
  }

  @Test
  void duplicateId_isRefused() {
    String row =
        "X1,150000,2020-03-20T09:00:00+08:00,TRAFFIC,140000,GREEN,,72,36.5,,UP,,NONE,PASS,";
    assertThatThrownBy(() -> CaseFile.parse("f.csv", List.of(HEADER, row, row)))
        .hasMessageContaining("duplicate id X1");
  }
}
