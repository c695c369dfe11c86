package codefed.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a run under the results directory as {@code run-<stamp>.md} / {@code .json} and {@code
 * latest.md} / {@code latest.json} (all git-ignored; only README.md is committed).
 */
public final class ResultsWriter {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private ResultsWriter() {}

  /** Returns the Markdown file written. */
  public static Path write(Path dir, RunInfo run, List<ScenarioResult> results) throws IOException {
    Files.createDirectories(dir);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("run", run.toJsonMap());
    List<Object> scenarios = new ArrayList<>();
    for (ScenarioResult r : results) {
      scenarios.add(r.toJsonMap());
    }
    json.put("scenarios", scenarios);
    String jsonText = Json.write(json) + "\n";
    String md = MarkdownReport.render(run, results);
    String stamp = STAMP.format(run.startedAt());
    Path mdFile = dir.resolve("run-" + stamp + ".md");
    Files.writeString(mdFile, md, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("run-" + stamp + ".json"), jsonText, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("latest.md"), md, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("latest.json"), jsonText, StandardCharsets.UTF_8);
    return mdFile;
  }
}
