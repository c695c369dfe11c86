package codefed.gateway.audit.export;

import codefed.gateway.audit.LogReader;
import healthcode.federation.v1.AuditRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Exports audit logs (one shard per gateway) as Parquet, hive-partitioned by UTC day and gateway:
 * {@code day=YYYY-MM-DD/gateway=NAME/part-FIRST-LAST.parquet}. Incremental: only records after the
 * previous export's end and up to the shard's newest checkpoint (so every exported row can be
 * proved) are written, into new part files; existing files are never rewritten.
 */
public final class ParquetExport {
  /** Rows staged in memory before they are written out (bounds memory on large logs). */
  static final int CHUNK_ROWS = 500_000;

  /** What one shard contributed: sequences [from, to), in {@code files}. */
  public record ShardResult(
      Path log, String gateway, long from, long to, List<Path> files, long notCheckpointed) {
    public ShardResult {
      files = List.copyOf(files);
    }

    public long rows() {
      return to - from;
    }
  }

  private ParquetExport() {}

  public static List<ShardResult> export(List<Path> logDirs, Path outDir) throws IOException {
    Files.createDirectories(outDir);
    ExportState state = ExportState.load(outDir);
    Map<String, Path> seen = new HashMap<>();
    List<ShardResult> results = new ArrayList<>();
    try (DuckDBConnection db = DuckDb.open()) {
      try (Statement s = db.createStatement()) {
        s.execute(DecisionRows.CREATE_TABLE);
      }
      for (Path dir : logDirs) {
        ShardResult r = exportShard(db, dir, outDir, state, seen);
        if (r == null) {
          continue;
        }
        results.add(r);
        state.advance(r.gateway(), r.to());
        state.save(outDir);
      }
    } catch (SQLException e) {
      throw new IOException("export to " + outDir + ": " + DuckDb.message(e), e);
    }
    return results;
  }

  private static ShardResult exportShard(
      DuckDBConnection db, Path dir, Path outDir, ExportState state, Map<String, Path> seen)
      throws IOException, SQLException {
    long provable = LogReader.checkpointedSize(dir);
    ShardWriter w = new ShardWriter(db, dir, outDir, state, seen);
    try {
      LogReader.forEachStored(
          dir,
          (record, data, off, len) -> {
            try {
              w.add(record, data, off, len, provable);
            } catch (SQLException e) {
              throw new IOException(DuckDb.message(e), e);
            }
          });
      w.flush();
      w.checkNotShorter();
    } finally {
      w.close();
    }
    return w.result();
  }

  /** Streams one shard's new records into the staging table and out as part files. */
  private static final class ShardWriter {
    private final DuckDBConnection db;
    private final Path dir;
    private final Path outDir;
    private final ExportState state;
    private final Map<String, Path> seen;
    private final List<Path> files = new ArrayList<>();
    private DuckDBAppender appender;
    private String gateway;
    private long expected;
    private long from;
    private long staged;
    private long written;
    private long notCheckpointed;

    ShardWriter(
        DuckDBConnection db, Path dir, Path outDir, ExportState state, Map<String, Path> seen) {
      this.db = db;
      this.dir = dir;
      this.outDir = outDir;
      this.state = state;
      this.seen = seen;
    }

    void add(AuditRecord r, byte[] data, int off, int len, long provable)
        throws IOException, SQLException {
      if (r.getSequence() != expected) {
        throw new IOException(
            "--log "
                + dir
                + ": record "
                + expected
                + " has sequence "
                + r.getSequence()
                + " (run codefed audit verify)");
      }
      expected++;
      if (gateway == null) {
        gateway = r.getGateway();
        Path other = seen.putIfAbsent(gateway, dir);
        if (other != null) {
          throw new IOException(
              "--log "
                  + dir
                  + ": gateway "
                  + gateway
                  + " already exported from "
                  + other
                  + " (expected: one log per gateway)");
        }
        from = state.next(gateway);
        written = from;
        PartFiles.removeLeftovers(outDir, gateway, from);
      } else if (!gateway.equals(r.getGateway())) {
        throw new IOException(
            "--log "
                + dir
                + ": record "
                + r.getSequence()
                + " names gateway "
                + r.getGateway()
                + " (expected: "
                + gateway
                + ", one gateway per log)");
      }
      if (r.getSequence() < from) {
        return;
      }
      if (r.getSequence() >= provable) {
        notCheckpointed++;
        return;
      }
      if (appender == null) {
        appender = db.createAppender("staged");
      }
      DecisionRows.append(appender, r, data, off, len);
      if (++staged == CHUNK_ROWS) {
        flush();
      }
    }

    void flush() throws IOException, SQLException {
      if (appender == null) {
        return;
      }
      appender.close();
      appender = null;
      files.addAll(PartFiles.write(db, outDir, gateway));
      written += staged;
      staged = 0;
    }

    void close() throws SQLException {
      if (appender != null) {
        appender.close();
      }
      try (Statement s = db.createStatement()) {
        s.execute("DELETE FROM staged");
      }
    }

    /** A log shorter than what was exported from it was rolled back or replaced. */
    void checkNotShorter() throws IOException {
      if (gateway != null && expected < from) {
        throw new IOException(
            "--log "
                + dir
                + ": holds "
                + expected
                + " records but "
                + from
                + " were already exported for gateway "
                + gateway
                + " (log rolled back or replaced?)");
      }
    }

    ShardResult result() {
      return gateway == null
          ? null
          : new ShardResult(dir, gateway, from, written, files, notCheckpointed);
    }
  }
}
