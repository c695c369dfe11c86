package codefed.gateway.audit.export;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * What an export directory already holds: per gateway shard, the next sequence to export. Kept in
 * {@code _export-state.properties} (a leading underscore: Spark, Trino and Hive skip it when they
 * list the data files) and replaced atomically, only after the part files it counts exist.
 */
final class ExportState {
  static final String FILE_NAME = "_export-state.properties";
  private static final String PREFIX = "next.";

  private final Map<String, Long> next;

  private ExportState(Map<String, Long> next) {
    this.next = next;
  }

  static ExportState load(Path outDir) throws IOException {
    Path file = outDir.resolve(FILE_NAME);
    Map<String, Long> next = new TreeMap<>();
    if (!Files.exists(file)) {
      return new ExportState(next);
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    for (String key : p.stringPropertyNames()) {
      if (!key.startsWith(PREFIX)) {
        continue;
      }
      String value = p.getProperty(key);
      try {
        long n = Long.parseLong(value.strip());
        if (n < 0) {
          throw new NumberFormatException();
        }
        next.put(key.substring(PREFIX.length()), n);
      } catch (NumberFormatException e) {
        throw new IOException(file + ": " + key + "=" + value + " (expected: a sequence >= 0)", e);
      }
    }
    return new ExportState(next);
  }

  /** The first sequence of {@code gateway}'s shard not exported yet (0 if none was). */
  long next(String gateway) {
    return next.getOrDefault(gateway, 0L);
  }

  void advance(String gateway, long nextSequence) {
    next.put(gateway, nextSequence);
  }

  void save(Path outDir) throws IOException {
    Properties p = new Properties();
    next.forEach((g, n) -> p.setProperty(PREFIX + g, Long.toString(n)));
    Path tmp = outDir.resolve(FILE_NAME + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "codefed audit export: next sequence to export per gateway shard");
    }
    Files.move(
        tmp,
        outDir.resolve(FILE_NAME),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }
}
