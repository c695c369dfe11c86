package codefed.gateway.audit.export;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.audit.LogReader;
import codefed.gateway.audit.report.ExportedReportData;
import codefed.gateway.audit.report.HtmlReport;
import codefed.gateway.audit.report.ReportData;
import codefed.gateway.cli.AuditCommandRunner;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecordKind;
import healthcode.federation.v1.StatusSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report from a fleet's Parquet export (SQL on DuckDB) equals the report from its logs:
 * the same page, hence the same totals, outcome counts, per-gateway and per-hour counts, node
 * figures, rejection classes and control reasons — in a whole-hour and a half-hour zone.
 */
class ReportFromExportTest {
  private static final Map<String, Integer> SHARDS =
      Map.of("150000-a", 4000, "150000-b", 3000, "150000-c", 2000);

  @TempDir static Path tmp;
  static Path logs;
  static Path data;

  @BeforeAll
  static void fleet() throws Exception {
    logs = tmp.resolve("logs");
    for (Map.Entry<String, Integer> e : new TreeMap<>(SHARDS).entrySet()) {
      FleetLogs.write(
          logs.resolve(e.getKey()), e.getKey(), 11L, 0, e.getValue(), ReportFromExportTest::vary);
    }
    data = tmp.resolve("data");
    assertThat(
            AuditCommandRunner.run("export", "--log", logs.toString(), "--out", data.toString())
                .exit())
        .isZero();
  }

  /**
   * Node answers, manual verifications and rejections with and without a class, as real logs have.
   */
  private static AuditRecord vary(AuditRecord r) {
    AuditRecord.Builder b = r.toBuilder();
    long s = r.getTime().getSeconds();
    if (s % 3 == 0) {
      b.setStatus(StatusSummary.getDefaultInstance());
    }
    if (s % 31 == 0) {
      b.setKind(RecordKind.RECORD_KIND_MANUAL_VERIFICATION);
    }
    if (r.getOutcome() == Outcome.OUTCOME_REJECT && s % 2 == 0) {
      b.setCode(
          CodeFacts.newBuilder(r.getCode())
              .setRejection(
                  s % 4 == 0 ? "BAD_SIGNATURE: key k1, byte " + s : "EXPIRED_KEY: retired " + s));
    }
    return b.build();
  }

  @Test
  void reportFromExport_equalsReportFromLogs() throws Exception {
    for (ZoneOffset zone : List.of(ZoneOffset.ofHours(8), ZoneOffset.ofHoursMinutes(5, 30))) {
      ReportData fromLogs = new ReportData(zone);
      try (var dirs = Files.list(logs)) {
        for (Path dir : dirs.sorted().toList()) {
          LogReader.forEach(dir, fromLogs::add);
        }
      }
      ReportData fromExport = ExportedReportData.load(data, zone);

      assertThat(fromExport.all().total()).isEqualTo(fromLogs.all().total()).isEqualTo(9000);
      assertThat(figures(fromExport.byGateway())).isEqualTo(figures(fromLogs.byGateway()));
      assertThat(fromExport.byGateway())
          .extractingFromEntries(e -> e.getValue().total())
          .containsExactly(4000, 3000, 2000);
      assertThat(figures(fromExport.hours()))
          .isEqualTo(figures(fromLogs.hours()))
          .hasSizeGreaterThan(1);
      assertThat(figures(fromExport.issuers())).isEqualTo(figures(fromLogs.issuers()));
      assertThat(figures(fromExport.checkpoints())).isEqualTo(figures(fromLogs.checkpoints()));
      assertThat(figures(fromExport.policies())).isEqualTo(figures(fromLogs.policies()));
      assertThat(figure(fromExport.all())).isEqualTo(figure(fromLogs.all()));
      assertThat(fromExport.all().manual())
          .isGreaterThan(fromExport.all().outcome(Outcome.OUTCOME_MANUAL_VERIFICATION));
      assertThat(fromExport.all().nodeAnswered())
          .isPositive()
          .isLessThan(fromExport.all().nodeAsked());
      assertThat(fromExport.rejections())
          .isEqualTo(fromLogs.rejections())
          .containsKeys(
              "BAD_SIGNATURE", "EXPIRED_KEY", "issuer's answer (unknown or revoked code)");
      assertThat(fromExport.controlReasons()).isEqualTo(fromLogs.controlReasons()).isNotEmpty();
      assertThat(fromExport.gateways()).isEqualTo(fromLogs.gateways());
      assertThat(fromExport.jurisdictions()).isEqualTo(fromLogs.jurisdictions());
      assertThat(HtmlReport.render(fromExport))
          .isEqualTo(HtmlReport.render(fromLogs))
          .contains("<h2>By gateway</h2>");
    }
  }

  @Test
  void reportCommand_fromDataAndFromLog_writeTheSamePage_andNeedExactlyOneSource()
      throws Exception {
    Path fromLog = tmp.resolve("log.html");
    Path fromData = tmp.resolve("data.html");
    var a =
        AuditCommandRunner.run("report", "--log", logs.toString(), "--html", fromLog.toString());
    var b =
        AuditCommandRunner.run("report", "--data", data.toString(), "--html", fromData.toString());
    assertThat(a.exit()).as(a.err()).isZero();
    assertThat(b.exit()).as(b.err()).isZero();
    assertThat(b.out()).contains("(9000 records)");
    assertThat(Files.readString(fromData)).isEqualTo(Files.readString(fromLog));

    Path none = tmp.resolve("none.html");
    var both =
        AuditCommandRunner.run(
            "report",
            "--log",
            logs.toString(),
            "--data",
            data.toString(),
            "--html",
            none.toString());
    var neither = AuditCommandRunner.run("report", "--html", none.toString());
    for (var run : List.of(both, neither)) {
      assertThat(run.exit()).isEqualTo(2);
      assertThat(run.err()).contains("give either --log (the logs) or --data (their export)");
    }
    assertThat(none).doesNotExist();
  }

  private static Map<Object, String> figures(Map<?, ReportData.Counts> counts) {
    Map<Object, String> m = new TreeMap<>();
    counts.forEach((k, c) -> m.put(k, figure(c)));
    return m;
  }

  private static String figure(ReportData.Counts c) {
    return c.total()
        + " "
        + Arrays.stream(Outcome.values())
            .filter(o -> o != Outcome.UNRECOGNIZED)
            .map(o -> String.valueOf(c.outcome(o)))
            .toList()
        + " manual "
        + c.manual()
        + " offline "
        + c.offline()
        + " node "
        + c.nodeAnswered()
        + "/"
        + c.nodeAsked();
  }
}
