package codefed.gateway.testing;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/** One row of a recognition-cases.csv file (DESIGN.md "Acceptance cases"). */
public record RecognitionCase(
    String id,
    String jurisdiction,
    Instant scannedAt,
    String checkpoint,
    String issuer,
    String color,
    List<String> reasons,
    int codeAgeHours,
    OptionalDouble temperature,
    List<String> itinerary,
    boolean nodeUp,
    OptionalInt snapshotAgeMinutes,
    String tamper,
    String expectedOutcome,
    List<String> expectedMeasures) {

  public static List<RecognitionCase> load(String file) {
    List<String> lines = TestData.lines(file);
    return lines.stream().skip(1).filter(l -> !l.isBlank()).map(RecognitionCase::parse).toList();
  }

  static RecognitionCase parse(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 15) {
      throw new IllegalArgumentException("expected 15 columns: " + line);
    }
    return new RecognitionCase(
        f[0], f[1], OffsetDateTime.parse(f[2]).toInstant(), f[3], f[4], f[5], list(f[6]),
        Integer.parseInt(f[7]),
        f[8].isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(f[8])),
        list(f[9]), f[10].equals("UP"),
        f[11].isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(f[11])),
        f[12], f[13], list(f[14]));
  }

  private static List<String> list(String field) {
    return field.isEmpty() ? List.of() : Arrays.stream(field.split(";")).map(String::strip).toList();
  }

  @Override
  public String toString() {
    return id;
  }
}
