package codefed.cli.demo;

import codefed.gateway.audit.export.DecisionsSql;
import codefed.gateway.audit.export.ParquetExport;
import codefed.gateway.audit.export.ResultFormat;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fleet demo's last step, as an auditor would run it: export every shard to Parquet and count
 * the decisions by outcome with SQL, which must give the counts read from the shards themselves.
 */
final class FleetExport {
  static final String QUERY =
      "SELECT outcome, count(*) AS n FROM decisions GROUP BY outcome ORDER BY outcome";

  private FleetExport() {}

  /**
   * Exports {@code shards} into {@code out}, prints the SQL result; true if its counts equal {@code
   * fromShards}.
   */
  static boolean exportAndCompare(
      List<Path> shards, Path out, Map<String, Long> fromShards, PrintStream print)
      throws Exception {
    long rows = 0;
    for (ParquetExport.ShardResult r : ParquetExport.export(shards, out)) {
      rows += r.rows();
    }
    print.println(
        "  ./codefed audit export --log "
            + shards.get(0).getParent()
            + " --out "
            + out
            + "   # "
            + rows
            + " rows");
    print.println("  ./codefed audit sql --data " + out + " \"" + QUERY + "\"");
    DecisionsSql.Result result = DecisionsSql.query(out, QUERY);
    PrintWriter table =
        new PrintWriter(new java.io.OutputStreamWriter(print, StandardCharsets.UTF_8));
    ResultFormat.TABLE.print(result, table);
    Map<String, Long> fromSql = new TreeMap<>();
    for (List<Object> row : result.rows()) {
      fromSql.put(String.valueOf(row.get(0)), ((Number) row.get(1)).longValue());
    }
    boolean equal = fromSql.equals(new TreeMap<>(fromShards));
    print.println(
        "SQL over the export: "
            + counts(fromSql)
            + (equal
                ? " (equal to the shards' counts)"
                : " (DIFFERENT from the shards' counts: " + counts(fromShards) + ")"));
    return equal;
  }

  /** {@code PASS 290, REJECT 10}. */
  static String counts(Map<String, Long> counts) {
    StringBuilder s = new StringBuilder();
    new TreeMap<>(counts)
        .forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
    return s.length() == 0 ? "none" : s.toString();
  }
}
