package codefed.gateway.cli;

import codefed.gateway.audit.LogReader;
import codefed.gateway.audit.report.HtmlReport;
import codefed.gateway.audit.report.ReportData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code codefed audit report}: one self-contained HTML page with the auditor's charts. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Write one self-contained HTML page (inline SVG, no scripts): decisions per hour by outcome, "
          + "by issuer, manual-verification share and node availability. See gateway/scripts/report-screenshot.sh."
    })
final class AuditReportCommand implements Callable<Integer> {
  @Option(names = "--log", required = true, description = "Audit log directory (or a directory of per-gateway logs).")
  Path log;

  @Option(names = "--html", required = true, description = "HTML file to write.")
  Path html;

  @Option(names = "--zone", defaultValue = "+08:00", description = "UTC offset for the hours (default: ${DEFAULT-VALUE}).")
  String zone;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ReportData data = new ReportData(ZoneOffset.of(zone));
    List<Path> dirs = LogReader.logDirectories(log);
    for (Path dir : dirs) {
      LogReader.forEach(dir, data::add);
    }
    String names = String.join(", ", dirs.stream().map(d -> d.getFileName().toString()).toList());
    Path parent = html.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(html, HtmlReport.render("codefed audit report: " + names, data), StandardCharsets.UTF_8);
    spec.commandLine().getOut().println("wrote " + html + " (" + data.all().total() + " records)");
    spec.commandLine().getOut().flush();
    return 0;
  }
}
