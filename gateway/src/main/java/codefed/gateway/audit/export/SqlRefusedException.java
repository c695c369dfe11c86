package codefed.gateway.audit.export;

import java.sql.SQLException;

/** A statement that the read-only auditors' SQL does not run (anything but one SELECT). */
public final class SqlRefusedException extends SQLException {
  private static final long serialVersionUID = 1L;

  public SqlRefusedException(String message) {
    super(message);
  }
}
