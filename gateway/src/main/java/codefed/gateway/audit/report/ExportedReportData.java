package codefed.gateway.audit.report;

import codefed.gateway.audit.export.DecisionsSql;
import codefed.gateway.audit.report.ReportData.Counts;
import healthcode.federation.v1.Outcome;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The report's counts from a Parquet export ({@code codefed audit export}) by SQL on DuckDB instead
 * of reading every record of the logs: one grouped scan for the per-hour, per-gateway, per-issuer,
 * per-checkpoint and per-policy counts, and small ones for rejection classes, control reasons and
 * the time span. Defined exactly as {@link ReportData#add} counts a record, so both give one
 * report.
 */
public final class ExportedReportData {
  private static final String[] DIMENSIONS = {
    "hour", "gateway", "issuer", "checkpoint_id", "policy_version"
  };

  private ExportedReportData() {}

  public static ReportData load(Path data, ZoneOffset zone) throws IOException, SQLException {
    ReportData report = new ReportData(zone);
    int offset = zone.getTotalSeconds();
    String hour = "((epoch_us(time) // 1000000 + " + offset + ") // 3600 * 3600 - " + offset + ")";
    String flags =
        "SELECT *, "
            + hour
            + " AS hour, "
            + "(kind = 'MANUAL_VERIFICATION' OR outcome = 'MANUAL_VERIFICATION')::INT AS manual, offline::INT AS off, "
            + "(kind = 'DECISION' AND node_answer AND NOT from_cache)::INT AS answered, "
            + "(kind = 'DECISION' AND ((node_answer AND NOT from_cache) OR NOT node_reachable))::INT AS asked "
            + "FROM decisions";
    StringBuilder sql = new StringBuilder("SELECT ");
    for (String d : DIMENSIONS) {
      sql.append("grouping(").append(d).append("), ").append(d).append(", ");
    }
    sql.append("outcome, count(*), sum(manual), sum(off), sum(asked), sum(answered) FROM (")
        .append(flags)
        .append(") GROUP BY GROUPING SETS (");
    for (String d : DIMENSIONS) {
      sql.append("(").append(d).append(", outcome), ");
    }
    sql.append("(outcome))");
    for (List<Object> row : DecisionsSql.query(data, sql.toString()).rows()) {
      counts(report, row)
          .add(
              outcome(row.get(2 * DIMENSIONS.length)),
              n(row, 1),
              n(row, 2),
              n(row, 3),
              n(row, 4),
              n(row, 5));
    }
    for (List<Object> row :
        DecisionsSql.query(
                data,
                "SELECT rejection, count(*) FROM decisions WHERE outcome = 'REJECT' GROUP BY rejection")
            .rows()) {
      report
          .rejections()
          .merge(
              ReportData.rejectionClass(row.get(0) == null ? "" : (String) row.get(0)),
              ((Number) row.get(1)).intValue(),
              Integer::sum);
    }
    for (List<Object> row :
        DecisionsSql.query(
                data,
                "SELECT r, count(*) FROM (SELECT unnest(reasons) AS r "
                    + "FROM decisions WHERE outcome = 'CONTROL') GROUP BY r")
            .rows()) {
      report.controlReasons().put("REASON_" + row.get(0), ((Number) row.get(1)).intValue());
    }
    for (List<Object> row :
        DecisionsSql.query(data, "SELECT DISTINCT gateway, jurisdiction FROM decisions").rows()) {
      report.gateways().add(ReportData.orNone((String) row.get(0)));
      report.jurisdictions().add(ReportData.orNone((String) row.get(1)));
    }
    List<Object> span =
        DecisionsSql.query(data, "SELECT epoch_us(min(time)), epoch_us(max(time)) FROM decisions")
            .rows()
            .get(0);
    if (span.get(0) != null) {
      report.span(micros((Number) span.get(0)), micros((Number) span.get(1)));
    }
    return report;
  }

  /** The counts a grouping-set row belongs to: the one dimension it is grouped by, or the total. */
  private static Counts counts(ReportData report, List<Object> row) {
    for (int i = 0; i < DIMENSIONS.length; i++) {
      if (((Number) row.get(2 * i)).intValue() == 0) {
        Object key = row.get(2 * i + 1);
        return switch (DIMENSIONS[i]) {
          case "hour" ->
              report
                  .hours()
                  .computeIfAbsent(
                      Instant.ofEpochSecond(((Number) key).longValue()), h -> new Counts());
          case "gateway" ->
              report
                  .byGateway()
                  .computeIfAbsent(ReportData.orNone((String) key), k -> new Counts());
          case "issuer" ->
              report.issuers().computeIfAbsent(ReportData.orNone((String) key), k -> new Counts());
          case "checkpoint_id" ->
              report
                  .checkpoints()
                  .computeIfAbsent(ReportData.orNone((String) key), k -> new Counts());
          default ->
              report.policies().computeIfAbsent(ReportData.orNone((String) key), k -> new Counts());
        };
      }
    }
    return report.all();
  }

  private static int n(List<Object> row, int after) {
    Object v = row.get(2 * DIMENSIONS.length + after);
    return v == null ? 0 : ((Number) v).intValue();
  }

  private static Outcome outcome(Object name) {
    return name == null ? Outcome.OUTCOME_UNSPECIFIED : Outcome.valueOf("OUTCOME_" + name);
  }

  private static Instant micros(Number us) {
    long v = us.longValue();
    return Instant.ofEpochSecond(
        Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1000L);
  }
}
