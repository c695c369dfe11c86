package codefed.gateway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Verify, replay, query and report on a gateway's audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description =
        "Verify, replay, query and report on a gateway's audit log (or a fleet's shards); export it to Parquet and query it with SQL.",
    subcommands = {
      AuditVerifyCommand.class,
      AuditProveCommand.class,
      AuditReplayCommand.class,
      AuditQueryCommand.class,
      AuditReportCommand.class,
      AuditExportCommand.class,
      AuditSqlCommand.class
    })
public final class AuditCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
