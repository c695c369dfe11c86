package codefed.gateway.cli;

import codefed.gateway.audit.export.DecisionsSql;
import codefed.gateway.audit.export.ResultFormat;
import codefed.gateway.audit.export.SqlRefusedException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code codefed audit sql}: read-only SQL over an export, on an embedded DuckDB. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = {
      "Run one SELECT over the Parquet files of codefed audit export, as the view 'decisions' (columns: "
          + "sequence, gateway, leaf_hash, time, day, checkpoint_id, checkpoint_type, kind, jurisdiction, issuer, "
          + "outcome, measures, reasons, policy_version, offline, from_cache, node_reachable, node_answer, rejection, "
          + "temperature).",
      "Read-only: any other statement is refused (exit 2); the query may read nothing outside --data. "
          + "SQL errors: DuckDB's message, exit 1."
    })
final class AuditSqlCommand implements Callable<Integer> {
  @Option(
      names = "--data",
      required = true,
      description = "Export directory (codefed audit export --out).")
  Path data;

  @Parameters(
      index = "0",
      paramLabel = "SELECT",
      description =
          "The query, e.g. \"SELECT outcome, count(*) " + "FROM decisions GROUP BY outcome\".")
  String sql;

  @ArgGroup(exclusive = true)
  Format format = new Format();

  @Spec CommandSpec spec;

  static final class Format {
    @Option(names = "--csv", description = "RFC 4180 CSV with a header line.")
    boolean csv;

    @Option(names = "--json", description = "A JSON array of one object per row.")
    boolean json;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    DecisionsSql.Result result;
    try {
      result = DecisionsSql.query(data, sql);
    } catch (SqlRefusedException e) {
      err.println("audit sql: refused: " + e.getMessage());
      err.flush();
      return 2;
    } catch (SQLException e) {
      err.println("audit sql: " + DecisionsSql.message(e));
      err.flush();
      return 1;
    }
    ResultFormat f =
        format.json ? ResultFormat.JSON : format.csv ? ResultFormat.CSV : ResultFormat.TABLE;
    f.print(result, spec.commandLine().getOut());
    return 0;
  }
}
