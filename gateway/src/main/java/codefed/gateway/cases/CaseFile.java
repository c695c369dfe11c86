package codefed.gateway.cases;

import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskLevel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the acceptance-case CSV format (columns by header name, any order). Every error names the
 * file, the line and the column.
 */
public final class CaseFile {
  static final List<String> COLUMNS =
      List.of(
          "id",
          "jurisdiction",
          "scanned_at",
          "checkpoint",
          "issuer",
          "color",
          "reasons",
          "code_age_hours",
          "temperature",
          "itinerary",
          "node",
          "snapshot_age_minutes",
          "tamper",
          "expected_outcome",
          "expected_measures");

  private CaseFile() {}

  public static List<RecognitionCase> read(Path file) throws IOException {
    return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  public static List<RecognitionCase> parse(String source, List<String> lines) {
    List<RecognitionCase> cases = new ArrayList<>();
    Map<String, Integer> header = null;
    Set<String> ids = new HashSet<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (header == null) {
        header = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
          header.put(cells[i].strip(), i);
        }
        for (String c : COLUMNS) {
          if (!header.containsKey(c)) {
            throw new IllegalArgumentException(source + ": header lacks column \"" + c + "\"");
          }
        }
        continue;
      }
      Row row = new Row(source, n + 1, header, cells);
      RecognitionCase c = row.toCase();
      if (!ids.add(c.id())) {
        throw new IllegalArgumentException(source + ":" + (n + 1) + ": duplicate id " + c.id());
      }
      cases.add(c);
    }
    if (header == null) {
      throw new IllegalArgumentException(source + ": empty file (expected a header line)");
    }
    return cases;
  }

  private record Row(String source, int line, Map<String, Integer> header, String[] cells) {
    String get(String column) {
      int i = header.get(column);
      return i < cells.length ? cells[i].strip() : "";
    }

    IllegalArgumentException error(String column, String problem) {
      return new IllegalArgumentException(
          source + ":" + line + ": " + column + ": \"" + get(column) + "\" " + problem);
    }

    String required(String column) {
      String v = get(column);
      if (v.isEmpty()) {
        throw error(column, "is required");
      }
      return v;
    }

    <E extends Enum<E>> E enumValue(String column, String value, Class<E> type, String prefix) {
      try {
        return Enum.valueOf(type, prefix + value.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw error(column, "is not a known " + type.getSimpleName());
      }
    }

    <T> List<T> list(String column, Function<String, T> parse) {
      List<T> out = new ArrayList<>();
      String v = get(column);
      if (!v.isEmpty()) {
        for (String part : v.split(";")) {
          if (!part.isBlank()) {
            out.add(parse.apply(part.strip()));
          }
        }
      }
      return out;
    }

    double number(String column, String value) {
      try {
        return Double.parseDouble(value);
      } catch (NumberFormatException e) {
        throw error(column, "is not a number");
      }
    }

    RecognitionCase toCase() {
      String issuer = required("issuer");
      if (!issuer.equals("NATIONAL") && !issuer.matches("\\d{6}")) {
        throw error("issuer", "is neither NATIONAL nor a 6-digit code");
      }
      String jurisdiction = required("jurisdiction");
      if (!jurisdiction.matches("\\d{6}")) {
        throw error("jurisdiction", "is not a 6-digit province code");
      }
      OffsetDateTime scannedAt;
      try {
        scannedAt = OffsetDateTime.parse(required("scanned_at"));
      } catch (DateTimeParseException e) {
        throw error("scanned_at", "is not an ISO-8601 date-time with offset");
      }
      double ageHours = number("code_age_hours", required("code_age_hours"));
      if (ageHours < 0) {
        throw error("code_age_hours", "is negative");
      }
      String temp = get("temperature");
      String snap = get("snapshot_age_minutes");
      String node = required("node").toUpperCase(Locale.ROOT);
      if (!node.equals("UP") && !node.equals("DOWN")) {
        throw error("node", "must be UP or DOWN");
      }
      RecognitionCase.Tamper tamper;
      try {
        tamper = RecognitionCase.Tamper.valueOf(required("tamper").toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw error("tamper", "must be NONE, SIGNATURE, PAYLOAD, TRUNCATED or GARBAGE");
      }
      return new RecognitionCase(
          required("id"),
          jurisdiction,
          scannedAt,
          enumValue("checkpoint", required("checkpoint"), CheckpointType.class, "CHECKPOINT_TYPE_"),
          issuer,
          enumValue("color", required("color"), Color.class, "COLOR_"),
          list("reasons", v -> enumValue("reasons", v, Reason.class, "REASON_")),
          Duration.ofSeconds(Math.round(ageHours * 3600)),
          temp.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(number("temperature", temp)),
          list("itinerary", v -> enumValue("itinerary", v, RiskLevel.class, "RISK_LEVEL_")),
          node.equals("UP"),
          snap.isEmpty()
              ? Optional.empty()
              : Optional.of(
                  Duration.ofSeconds(Math.round(number("snapshot_age_minutes", snap) * 60))),
          tamper,
          enumValue("expected_outcome", required("expected_outcome"), Outcome.class, "OUTCOME_"),
          Set.copyOf(
              list(
                  "expected_measures",
                  v -> enumValue("expected_measures", v, Measure.class, "MEASURE_"))));
    }
  }
}
