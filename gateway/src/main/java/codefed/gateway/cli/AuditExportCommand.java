package codefed.gateway.cli;

import codefed.gateway.audit.export.ParquetExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code codefed audit export}: the decisions as Parquet, for SQL here or on a cluster. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write the records of one or more logs (one shard per gateway) as Apache Parquet, partitioned "
          + "day=YYYY-MM-DD/gateway=NAME/part-FIRST-LAST.parquet (UTC days), one row per record with its "
          + "sequence and RFC 9162 leaf hash (provable against the shard's checkpoint) and the record's clear "
          + "fields only. Incremental: a second run adds new part files for the records written since "
          + "(up to each shard's newest checkpoint) and never rewrites old ones. Run audit verify first.",
      "Query with: codefed audit sql --data DIR \"SELECT ...\""
    })
final class AuditExportCommand implements Callable<Integer> {
  @Mixin LogOptions logs;

  @Option(names = "--out", required = true, description = "Export directory (created if missing).")
  Path out;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    LogShards shards = logs.shards();
    long start = System.nanoTime();
    List<ParquetExport.ShardResult> results = ParquetExport.export(shards.dirs(), out);
    double seconds = (System.nanoTime() - start) / 1e9;
    long rows = 0;
    int files = 0;
    for (ParquetExport.ShardResult r : results) {
      String range = r.rows() == 0 ? "nothing new" : "sequences " + r.from() + ".." + (r.to() - 1);
      w.println(
          "gateway "
              + r.gateway()
              + " ("
              + r.log()
              + "): "
              + r.rows()
              + " records, "
              + range
              + ", "
              + r.files().size()
              + " files"
              + (r.notCheckpointed() > 0
                  ? "; "
                      + r.notCheckpointed()
                      + " records after the newest checkpoint wait for the next export"
                  : ""));
      rows += r.rows();
      files += r.files().size();
    }
    w.printf(
        "exported %d records from %d shard%s into %d new files in %.1f s (%,.0f records/s) to %s%n",
        rows,
        results.size(),
        results.size() == 1 ? "" : "s",
        files,
        seconds,
        rows / Math.max(seconds, 1e-9),
        out);
    w.flush();
    return 0;
  }
}
