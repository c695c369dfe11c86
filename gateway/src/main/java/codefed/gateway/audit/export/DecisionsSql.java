package codefed.gateway.audit.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.duckdb.DuckDBConnection;

/**
 * Read-only SQL over an export directory: an embedded DuckDB with the Parquet files as the view
 * {@code decisions}. Only one SELECT (or WITH … SELECT) statement is accepted, checked by DuckDB's
 * own parser; the engine may then read nothing outside the export directory, and its configuration
 * is locked so a query cannot lift that.
 */
public final class DecisionsSql {

  /** A query's result: column names, then rows of JDBC values (lists as {@code List}). */
  public record Result(List<String> columns, List<List<Object>> rows) {
    public Result {
      columns = List.copyOf(columns);
      rows = List.copyOf(rows);
    }
  }

  private DecisionsSql() {}

  /**
   * Runs {@code sql} over {@code dataDir}.
   *
   * @throws SqlRefusedException the statement is not a single query
   * @throws SQLException DuckDB's error (bad SQL, unknown column, …)
   */
  public static Result query(Path dataDir, String sql) throws IOException, SQLException {
    if (!Files.isDirectory(dataDir)) {
      throw new IOException("--data " + dataDir + ": no such directory");
    }
    Path dir = dataDir.toAbsolutePath().normalize();
    try (DuckDBConnection db = DuckDb.open()) {
      checkSingleSelect(db, sql);
      try (Statement s = db.createStatement()) {
        s.execute(
            "CREATE VIEW decisions AS SELECT * FROM read_parquet("
                + DuckDb.literal(dir.resolve("**/*.parquet"))
                + ", hive_partitioning = true, hive_types = {'day': DATE, 'gateway': VARCHAR}, union_by_name = true)");
        s.execute("SET allowed_directories = [" + DuckDb.literal(dir) + "]");
        s.execute("SET enable_external_access = false");
        s.execute("SET lock_configuration = true");
      }
      try (Statement s = db.createStatement();
          ResultSet rs = s.executeQuery(sql)) {
        return read(rs);
      }
    }
  }

  /** DuckDB's error message on one line (for the auditor's terminal, no stack trace). */
  public static String message(SQLException e) {
    return DuckDb.message(e);
  }

  /** DuckDB parses the text; anything but exactly one SELECT is refused before it runs. */
  static void checkSingleSelect(DuckDBConnection db, String sql) throws SQLException {
    try (PreparedStatement p =
        db.prepareStatement(
            "SELECT json_extract(j, '$.error')::BOOLEAN, json_array_length(j, '$.statements'), "
                + "json_extract_string(j, '$.error_message') FROM (SELECT json_serialize_sql(?::VARCHAR) AS j)")) {
      p.setString(1, sql);
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        if (rs.getBoolean(1)) {
          String why = rs.getString(3);
          if (why != null && why.startsWith("Only SELECT")) {
            throw new SqlRefusedException(
                "only a single SELECT (or WITH ... SELECT) statement is allowed");
          }
          throw new SQLException(why);
        }
        if (rs.getLong(2) != 1) {
          throw new SqlRefusedException(
              "only a single SELECT statement is allowed (found " + rs.getLong(2) + ")");
        }
      }
    }
  }

  private static Result read(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    int n = md.getColumnCount();
    List<String> columns = new ArrayList<>(n);
    for (int i = 1; i <= n; i++) {
      columns.add(md.getColumnLabel(i));
    }
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>(n);
      for (int i = 1; i <= n; i++) {
        row.add(value(rs.getObject(i)));
      }
      rows.add(Collections.unmodifiableList(row));
    }
    return new Result(columns, rows);
  }

  private static Object value(Object o) throws SQLException {
    if (o instanceof Array a) {
      List<Object> out = new ArrayList<>();
      for (Object e : (Object[]) a.getArray()) {
        out.add(value(e));
      }
      return Collections.unmodifiableList(out);
    }
    return o;
  }
}
