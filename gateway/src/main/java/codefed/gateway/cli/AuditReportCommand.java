package codefed.gateway.cli;

import codefed.gateway.audit.LogReader;
import codefed.gateway.audit.export.DecisionsSql;
import codefed.gateway.audit.report.ExportedReportData;
import codefed.gateway.audit.report.HtmlReport;
import codefed.gateway.audit.report.ReportData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code codefed audit report}: one self-contained HTML page with the auditor's charts. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write one self-contained HTML page (inline SVG, no scripts), titled with the gateway identity: "
          + "decisions over time by outcome (hour, day, week or month bars, gaps shown), manual, offline "
          + "and node-availability shares, and breakdowns by issuer, checkpoint, policy version, rejection "
          + "class and control reason (and by gateway for a fleet). From the logs (--log) or from their Parquet "
          + "export (--data, codefed audit export) by SQL, which gives the same report without reading every "
          + "record. See gateway/scripts/report-screenshot.sh."
    })
final class AuditReportCommand implements Callable<Integer> {
  @Option(names = "--log", description = LogOptions.DESCRIPTION)
  List<Path> log;

  @Option(
      names = "--data",
      description = "Instead of --log: the export directory of codefed audit export.")
  Path data;

  @Option(names = "--html", required = true, description = "HTML file to write.")
  Path html;

  @Option(
      names = "--zone",
      defaultValue = "+08:00",
      description = "UTC offset for the hours (default: ${DEFAULT-VALUE}).")
  String zone;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if ((log == null || log.isEmpty()) == (this.data == null)) {
      throw new ParameterException(
          spec.commandLine(), "give either --log (the logs) or --data (their export)");
    }
    ReportData data;
    if (this.data != null) {
      try {
        data = ExportedReportData.load(this.data, ZoneOffset.of(zone));
      } catch (SQLException e) {
        spec.commandLine()
            .getErr()
            .println("audit report: --data " + this.data + ": " + DecisionsSql.message(e));
        spec.commandLine().getErr().flush();
        return 1;
      }
    } else {
      data = new ReportData(ZoneOffset.of(zone));
      for (Path dir : LogShards.of(log).dirs()) {
        LogReader.forEach(dir, data::add);
      }
    }
    Path parent = html.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(html, HtmlReport.render(data), StandardCharsets.UTF_8);
    spec.commandLine().getOut().println("wrote " + html + " (" + data.all().total() + " records)");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
