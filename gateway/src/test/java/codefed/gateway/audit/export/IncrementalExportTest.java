package codefed.gateway.audit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second export adds only the records written since, in new files, and never rewrites old ones.
 */
class IncrementalExportTest {
  private static final long SEED = 7L;

  @TempDir Path tmp;

  @Test
  void secondExport_addsOnlyNewRows_inNewFiles_andLeavesOldFilesByteForByte() throws Exception {
    Path a = tmp.resolve("logs/150000-a");
    Path b = tmp.resolve("logs/150000-b");
    Path out = tmp.resolve("data");
    FleetLogs.write(a, "150000-a", SEED, 0, 500);
    FleetLogs.write(b, "150000-b", SEED, 0, 400);

    List<ParquetExport.ShardResult> first = ParquetExport.export(List.of(a, b), out);
    assertThat(first).extracting(ParquetExport.ShardResult::rows).containsExactly(500L, 400L);
    Map<Path, String> before = digests(out);
    assertThat(total(out)).isEqualTo(900);

    FleetLogs.write(a, "150000-a", SEED, 500, 300);
    List<ParquetExport.ShardResult> second = ParquetExport.export(List.of(a, b), out);
    assertThat(second).extracting(ParquetExport.ShardResult::rows).containsExactly(300L, 0L);
    assertThat(second.get(0).from()).isEqualTo(500);
    assertThat(second.get(0).files())
        .isNotEmpty()
        .allMatch(
            f -> f.getFileName().toString().matches("part-(5\\d\\d|[67]\\d\\d)-\\d+\\.parquet"));
    assertThat(second.get(1).files()).isEmpty();

    Map<Path, String> after = digests(out);
    assertThat(after).containsAllEntriesOf(before);
    assertThat(after.keySet())
        .containsAll(second.get(0).files())
        .hasSize(before.size() + second.get(0).files().size());
    assertThat(total(out)).isEqualTo(1200);
    assertThat(query(out, "SELECT count(DISTINCT (gateway, sequence)) FROM decisions"))
        .isEqualTo(1200);
    assertThat(query(out, "SELECT max(sequence) FROM decisions WHERE gateway = '150000-a'"))
        .isEqualTo(799);

    List<ParquetExport.ShardResult> third = ParquetExport.export(List.of(a, b), out);
    assertThat(third).extracting(ParquetExport.ShardResult::rows).containsExactly(0L, 0L);
    assertThat(digests(out)).isEqualTo(after);
  }

  @Test
  void exportAfterAnInterruptedOne_removesItsLeftovers_andDuplicatesNothing() throws Exception {
    Path a = tmp.resolve("logs/150000-a");
    Path out = tmp.resolve("data");
    FleetLogs.write(a, "150000-a", SEED, 0, 200);
    List<ParquetExport.ShardResult> first = ParquetExport.export(List.of(a), out);
    // An export that wrote files for sequences 200.. but died before saving its state.
    Path dir = first.get(0).files().get(0).getParent();
    Files.copy(first.get(0).files().get(0), dir.resolve("part-200-260.parquet"));
    Files.writeString(dir.resolve(".part-261-300.parquet.tmp"), "half a file");

    FleetLogs.write(a, "150000-a", SEED, 200, 100);
    ParquetExport.export(List.of(a), out);

    assertThat(dir.resolve("part-200-260.parquet")).doesNotExist();
    assertThat(dir.resolve(".part-261-300.parquet.tmp")).doesNotExist();
    assertThat(total(out)).isEqualTo(300);
    assertThat(query(out, "SELECT count(DISTINCT sequence) FROM decisions")).isEqualTo(300);
  }

  @Test
  void export_ofALogShorterThanWhatWasExported_isRefused_andWritesNothing() throws Exception {
    Path a = tmp.resolve("logs/150000-a");
    Path out = tmp.resolve("data");
    FleetLogs.write(a, "150000-a", SEED, 0, 300);
    ParquetExport.export(List.of(a), out);
    Map<Path, String> before = digests(out);
    String state = Files.readString(out.resolve(ExportState.FILE_NAME));

    Path rolledBack = tmp.resolve("logs2/150000-a");
    FleetLogs.write(rolledBack, "150000-a", SEED + 1, 0, 100);
    assertThatThrownBy(() -> ParquetExport.export(List.of(rolledBack), out))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(
            "holds 100 records but 300 were already exported for gateway 150000-a");
    assertThat(digests(out)).isEqualTo(before);
    assertThat(Files.readString(out.resolve(ExportState.FILE_NAME))).isEqualTo(state);
  }

  @Test
  void export_ofTwoLogsOfOneGateway_isRefused() throws Exception {
    Path a = tmp.resolve("logs/150000-a");
    Path copy = tmp.resolve("logs/copy-of-a");
    FleetLogs.write(a, "150000-a", SEED, 0, 50);
    FleetLogs.write(copy, "150000-a", SEED, 0, 80);
    Path out = tmp.resolve("data");
    assertThatThrownBy(() -> ParquetExport.export(List.of(a, copy), out))
        .hasMessageContaining("gateway 150000-a already exported from");
    // Nothing of the second log was written: the first log's 50 rows only.
    assertThat(total(out)).isEqualTo(50);
    assertThat(digests(out).keySet())
        .allMatch(p -> p.getFileName().toString().startsWith("part-0-"));
  }

  private static long total(Path out) throws Exception {
    return query(out, "SELECT count(*) FROM decisions");
  }

  private static long query(Path out, String sql) throws Exception {
    return ((Number) DecisionsSql.query(out, sql).rows().get(0).get(0)).longValue();
  }

  private static Map<Path, String> digests(Path out) throws Exception {
    Map<Path, String> m = new TreeMap<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        m.put(
            f,
            HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
      }
    }
    return m;
  }
}
