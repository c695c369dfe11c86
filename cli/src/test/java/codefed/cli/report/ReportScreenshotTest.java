package codefed.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.cli.testing.DebianTools;
import codefed.cli.testing.Repository;
import codefed.gateway.audit.report.HtmlReport;
import codefed.gateway.audit.report.ReportData;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RecordKind;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit report as an auditor sees it: rendered by headless Chromium (Debian's package), the
 * screenshot shows the outcome bars and the DOM Chromium built holds every chart and table. A page
 * cut short, as a broken one would be, fails the same checks.
 */
class ReportScreenshotTest {
  static final Instant START = OffsetDateTime.parse("2020-03-20T08:00:00+08:00").toInstant();
  static final int GREEN = 0x2e7d32;
  static final int RED = 0xc62828;

  @TempDir Path dir;

  @Test
  void report_rendersInChromiumWithItsChartsAndTables() throws Exception {
    Path chromium = DebianTools.require("chromium", "chromium");
    Path html = dir.resolve("report.html");
    Files.writeString(html, HtmlReport.render(data()), StandardCharsets.UTF_8);

    List<String> problems = check(chromium, html);

    assertThat(problems).isEmpty();
  }

  @Test
  void pageCutShort_isCaughtByTheSameChecks() throws Exception {
    Path chromium = DebianTools.require("chromium", "chromium");
    String page = HtmlReport.render(data());
    Path html = dir.resolve("broken.html");
    Files.writeString(
        html, page.substring(0, page.indexOf("<h2>Decisions per")), StandardCharsets.UTF_8);

    assertThat(check(chromium, html)).isNotEmpty();
  }

  /** What is wrong with the page as Chromium renders it; empty when nothing is. */
  static List<String> check(Path chromium, Path html) throws Exception {
    List<String> problems = new ArrayList<>();
    String dom =
        exec(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--no-first-run",
                "--user-data-dir=" + html.getParent().resolve("profile-dom"),
                "--dump-dom",
                html.toUri().toString()));
    int svgs = dom.split("<svg", -1).length - 1;
    int tables = dom.split("<table", -1).length - 1;
    if (svgs < 5) {
      problems.add("rendered DOM has " + svgs + " charts (expected: 5)");
    }
    if (tables < 5) {
      problems.add("rendered DOM has " + tables + " tables (expected: 5)");
    }
    if (!dom.contains("<h1>codefed audit report: gateway 150000")) {
      problems.add("no title naming the gateway");
    }
    Path png = html.getParent().resolve(html.getFileName() + ".png");
    exec(
        List.of(
            Repository.root().resolve("gateway/scripts/report-screenshot.sh").toString(),
            html.toString(),
            png.toString(),
            "1000x1400"));
    BufferedImage image = ImageIO.read(png.toFile());
    if (image == null || image.getWidth() != 1000 || image.getHeight() != 1400) {
      problems.add("screenshot missing or of the wrong size");
      return problems;
    }
    int green = 0;
    int red = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        green += rgb == GREEN ? 1 : 0;
        red += rgb == RED ? 1 : 0;
      }
    }
    if (green < 2000 || red < 100) {
      problems.add("outcome bars not drawn (green px " + green + ", red px " + red + ")");
    }
    return problems;
  }

  /** Three days of decisions at two checkpoints, mostly PASS, some CONTROL and REJECT. */
  static ReportData data() {
    ReportData data = new ReportData(ZoneOffset.ofHours(8));
    Random random = new Random(20200320L);
    for (int i = 0; i < 3000; i++) {
      Instant at = START.plusSeconds(i * 86L);
      int roll = random.nextInt(100);
      Outcome outcome =
          roll < 80
              ? Outcome.OUTCOME_PASS
              : roll < 90 ? Outcome.OUTCOME_CONTROL : Outcome.OUTCOME_REJECT;
      data.add(
          AuditRecord.newBuilder()
              .setTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond()))
              .setGateway("150000")
              .setJurisdiction("150000")
              .setCheckpointId("checkpoint-" + (i % 2))
              .setKind(RecordKind.RECORD_KIND_DECISION)
              .setPolicyVersion("150000@2020-03-19T00:00+08:00")
              .setCode(
                  CodeFacts.newBuilder()
                      .setIssuer(i % 3 == 0 ? "420000" : "140000")
                      .setRejection(outcome == Outcome.OUTCOME_REJECT ? "BAD_SIGNATURE: x" : ""))
              .addAllReasons(
                  outcome == Outcome.OUTCOME_CONTROL
                      ? List.of(Reason.REASON_CLOSE_CONTACT)
                      : List.of())
              .setOutcome(outcome)
              .build());
    }
    return data;
  }

  private static String exec(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
    return out;
  }
}
