package codefed.bench.proc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM's collector pauses, from its unified GC log ({@code -Xlog:gc} with wall-clock
 * milliseconds), so that a report can say which process stopped, for how long, during which
 * scenario: a stall that every scan of a phase sees is otherwise indistinguishable from the code
 * under test being slow.
 */
public final class GcLog {
  /** One line per collection: {@code [1764478349973ms] GC(5) Pause Young (...) ... 45.298ms}. */
  private static final Pattern PAUSE =
      Pattern.compile(
          "^\\[(\\d+)ms\\].*\\bGC\\(\\d+\\) (Pause [A-Za-z]+).*?([0-9]+(?:\\.[0-9]+)?)ms$");

  private GcLog() {}

  /**
   * The JVM option that writes {@code file}'s log (pid substituted for {@code %p}), or empty when
   * the path cannot be given to {@code -Xlog} as is (it separates its fields with ':' and ','; a
   * space is refused too rather than trusted to its parser).
   */
  public static Optional<String> option(Path file) {
    String path = file.toAbsolutePath().toString();
    if (path.contains(":") || path.contains(",") || path.contains(" ")) {
      return Optional.empty();
    }
    return Optional.of("-Xlog:gc:file=" + path + ":timemillis:filecount=0");
  }

  /** One pause: when it ended (epoch ms, as logged), how long it lasted, whether it was full. */
  public record Pause(long endedAtMillis, double millis, boolean full) {
    long startedAtMillis() {
      return endedAtMillis - (long) Math.ceil(millis);
    }
  }

  /** The pauses of one collector log; lines that are not pauses are skipped. */
  public static List<Pause> parse(List<String> lines) {
    List<Pause> pauses = new ArrayList<>();
    for (String line : lines) {
      Matcher m = PAUSE.matcher(line.strip());
      if (m.matches()) {
        pauses.add(
            new Pause(
                Long.parseLong(m.group(1)),
                Double.parseDouble(m.group(3)),
                m.group(2).equals("Pause Full")));
      }
    }
    return pauses;
  }

  /** {@link #parse} of a file; no pauses if it does not exist (yet). */
  public static List<Pause> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return List.of();
    }
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /**
   * The pauses that overlap {@code [fromMillis, toMillis]}: how many, the longest, their sum and
   * how many were full collections, as report fields.
   */
  public static Map<String, Object> summary(List<Pause> pauses, long fromMillis, long toMillis) {
    int count = 0;
    int full = 0;
    double max = 0;
    double total = 0;
    for (Pause p : pauses) {
      if (p.endedAtMillis() < fromMillis || p.startedAtMillis() > toMillis) {
        continue;
      }
      count++;
      total += p.millis();
      max = Math.max(max, p.millis());
      if (p.full()) {
        full++;
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pauses", count);
    m.put("longest_ms", round(max));
    m.put("total_ms", round(total));
    m.put("full", full);
    return m;
  }

  private static double round(double ms) {
    return Math.round(ms * 10) / 10.0;
  }
}
