package codefed.gateway.audit;

import java.io.IOException;
import java.nio.file.Path;

/** The log is damaged where a crash cannot explain it; the message names the file and offset. */
public final class LogCorruptedException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;
  private final long offset;
  private final String reason;

  public LogCorruptedException(Path file, long offset, String reason) {
    super(file.getFileName() + " at byte " + offset + ": " + reason);
    this.file = file;
    this.offset = offset;
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }

  public Path file() {
    return file;
  }

  public long offset() {
    return offset;
  }
}
