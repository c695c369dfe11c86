package codefed.gateway.audit.export;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * Opens the embedded, in-memory DuckDB the auditor tools use: nothing installed or fetched from the
 * network.
 */
final class DuckDb {
  private DuckDb() {}

  static DuckDBConnection open() throws SQLException {
    Properties p = new Properties();
    p.setProperty("autoinstall_known_extensions", "false");
    p.setProperty("autoload_known_extensions", "false");
    return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", p);
  }

  /** A path as a SQL string literal. */
  static String literal(Path path) {
    return "'" + path.toAbsolutePath().normalize().toString().replace("'", "''") + "'";
  }

  /** DuckDB's message on one line, without the Java exception's class name. */
  static String message(SQLException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    // The JDBC driver wraps a failed query's error in a generic one; the auditor needs only
    // DuckDB's.
    m =
        m.replaceFirst(
            "^Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\\s*Error:\\s*",
            "");
    return m.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
