package codefed.gateway.audit.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;

/**
 * The hive-style layout of an export: {@code day=YYYY-MM-DD/gateway=NAME/part-FIRST-LAST.parquet}.
 * A file is written under a hidden temporary name and renamed once complete, so readers never see
 * half a file; files beyond the state's end are leftovers of an interrupted export and are removed
 * before that range is written again.
 */
final class PartFiles {
  private static final Pattern PART = Pattern.compile("part-(\\d+)-(\\d+)\\.parquet");

  private PartFiles() {}

  /** Writes the staged rows of {@code gateway}, one file per day; returns the files. */
  static List<Path> write(DuckDBConnection db, Path outDir, String gateway)
      throws IOException, SQLException {
    record Part(LocalDate day, long first, long last) {}
    List<Part> parts = new ArrayList<>();
    try (Statement s = db.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT day, min(sequence), max(sequence) FROM staged GROUP BY day ORDER BY day")) {
      while (rs.next()) {
        parts.add(new Part(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)));
      }
    }
    List<Path> files = new ArrayList<>();
    for (Part p : parts) {
      Path dir = partition(outDir, p.day(), gateway);
      Files.createDirectories(dir);
      Path file = dir.resolve("part-" + p.first() + "-" + p.last() + ".parquet");
      Path tmp = dir.resolve("." + file.getFileName() + ".tmp");
      try (Statement s = db.createStatement()) {
        s.execute(
            "COPY (SELECT * EXCLUDE (day) FROM staged WHERE day = DATE '"
                + p.day()
                + "' ORDER BY sequence) TO "
                + DuckDb.literal(tmp)
                + " (FORMAT PARQUET, COMPRESSION ZSTD)");
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      files.add(file);
    }
    try (Statement s = db.createStatement()) {
      s.execute("DELETE FROM staged");
    }
    return files;
  }

  /**
   * Removes temporary files and part files starting at or after {@code next} of {@code gateway}.
   */
  static void removeLeftovers(Path outDir, String gateway, long next) throws IOException {
    String gatewayDir = "gateway=" + pathValue(gateway);
    List<Path> days;
    try (Stream<Path> s = Files.list(outDir)) {
      days = s.filter(p -> p.getFileName().toString().startsWith("day=")).toList();
    }
    for (Path day : days) {
      Path dir = day.resolve(gatewayDir);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> s = Files.list(dir)) {
        for (Path f : s.toList()) {
          String name = f.getFileName().toString();
          Matcher m = PART.matcher(name);
          boolean leftover =
              name.endsWith(".tmp") || (m.matches() && Long.parseLong(m.group(1)) >= next);
          if (leftover) {
            Files.delete(f);
          }
        }
      }
    }
  }

  static Path partition(Path outDir, LocalDate day, String gateway) {
    return outDir.resolve("day=" + day).resolve("gateway=" + pathValue(gateway));
  }

  /** Hive path escaping: letters, digits, '.', '_' and '-' as they are, every other byte as %XX. */
  static String pathValue(String value) {
    StringBuilder b = new StringBuilder();
    for (byte x : value.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xFF;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '_'
          || c == '-') {
        b.append((char) c);
      } else {
        b.append('%').append(String.format("%02X", c));
      }
    }
    return b.toString();
  }
}
