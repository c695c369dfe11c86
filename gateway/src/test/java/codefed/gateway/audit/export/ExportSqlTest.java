package codefed.gateway.audit.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.Checkpoints;
import codefed.gateway.audit.LogReader;
import codefed.gateway.audit.TestKeys;
import codefed.gateway.cli.AuditCommandRunner;
import codefed.merkle.MerkleProofs;
import codefed.merkle.ProofException;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export of a generated three-gateway fleet log (105,000 records; the last 4,000 of one shard
 * exported incrementally, adding only their rows in new files) and SQL over it, checked against the
 * logs.
 */
class ExportSqlTest {
  private static final long SEED = 20200320L;
  private static final Map<String, Integer> SHARDS =
      Map.of("150000-a", 40_000, "150000-b", 35_000, "150000-c", 30_000);
  private static final int LATE = 4_000;

  @TempDir static Path tmp;
  static Path logs;
  static Path data;
  static List<AuditRecord> all = new ArrayList<>();

  @BeforeAll
  static void exportFleet() throws Exception {
    logs = tmp.resolve("logs");
    // Shard c gets its last LATE records after the first export: the second export is incremental.
    for (Map.Entry<String, Integer> e : new TreeMap<>(SHARDS).entrySet()) {
      FleetLogs.write(
          logs.resolve(e.getKey()),
          e.getKey(),
          SEED,
          0,
          e.getValue() - (e.getKey().endsWith("c") ? LATE : 0));
    }
    data = tmp.resolve("data");
    long start = System.nanoTime();
    var run = AuditCommandRunner.run("export", "--log", logs.toString(), "--out", data.toString());
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(run.exit()).as(run.err()).isZero();
    Map<Path, String> before = parquetDigests();

    FleetLogs.write(
        logs.resolve("150000-c"), "150000-c", SEED, SHARDS.get("150000-c") - LATE, LATE);
    List<ParquetExport.ShardResult> again =
        ParquetExport.export(
            new TreeMap<>(SHARDS).keySet().stream().map(logs::resolve).toList(), data);
    assertThat(again)
        .extracting(ParquetExport.ShardResult::rows)
        .containsExactly(0L, 0L, (long) LATE);
    assertThat(again.get(2).from()).isEqualTo(SHARDS.get("150000-c") - LATE);
    Map<Path, String> after = parquetDigests();
    assertThat(after)
        .containsAllEntriesOf(before)
        .hasSize(before.size() + again.get(2).files().size());

    for (String shard : new TreeMap<>(SHARDS).keySet()) {
      all.addAll(LogReader.readAll(logs.resolve(shard)));
    }
    System.out.printf(
        "audit export: %d records in %.2f s (%.0f records/s), then %d more incrementally%n",
        all.size() - LATE, seconds, (all.size() - LATE) / seconds, LATE);
  }

  /** Every Parquet file of the export with its SHA-256: a later export must not rewrite any. */
  private static Map<Path, String> parquetDigests() throws Exception {
    Map<Path, String> m = new TreeMap<>();
    try (var files = Files.walk(data)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        m.put(
            f,
            HexFormat.of()
                .formatHex(
                    java.security.MessageDigest.getInstance("SHA-256")
                        .digest(Files.readAllBytes(f))));
      }
    }
    return m;
  }

  @Test
  void export_thenSql_countsByOutcomeIssuerAndGatewayEqualTheLogs() throws Exception {
    assertThat(all).hasSizeGreaterThanOrEqualTo(100_000);
    assertThat(counts("SELECT outcome, count(*) FROM decisions GROUP BY outcome"))
        .isEqualTo(count(r -> DecisionRows.name(r.getOutcome(), "OUTCOME_")));
    assertThat(counts("SELECT issuer, count(*) FROM decisions GROUP BY issuer"))
        .isEqualTo(count(r -> r.getCode().getIssuer()));
    assertThat(counts("SELECT gateway, count(*) FROM decisions GROUP BY gateway"))
        .isEqualTo(count(AuditRecord::getGateway));
    assertThat(counts("SELECT 'total', count(*) FROM decisions"))
        .containsExactly(Map.entry("total", (long) all.size()));
    assertThat(counts("SELECT 'distinct', count(DISTINCT (gateway, sequence)) FROM decisions"))
        .containsExactly(Map.entry("distinct", (long) all.size()));
    assertThat(
            counts(
                "SELECT 'fever', count(*) FROM decisions WHERE list_contains(measures, 'FEVER_CLINIC')"))
        .containsExactly(
            Map.entry(
                "fever",
                all.stream()
                    .filter(r -> r.getMeasuresList().toString().contains("FEVER_CLINIC"))
                    .count()));
    assertThat(counts("SELECT 'no temperature', count(*) FROM decisions WHERE temperature IS NULL"))
        .containsExactly(
            Map.entry(
                "no temperature", all.stream().filter(r -> !r.hasTemperatureCelsius()).count()));

    long start = System.nanoTime();
    DecisionsSql.Result byOutcome =
        DecisionsSql.query(
            data,
            "SELECT gateway, day, outcome, count(*) AS n FROM decisions GROUP BY ALL ORDER BY ALL");
    System.out.printf(
        "audit sql GROUP BY over %d records: %.0f ms%n",
        all.size(), (System.nanoTime() - start) / 1e6);
    assertThat(byOutcome.rows()).isNotEmpty();
  }

  @Test
  void export_writesHivePartitionsByDayAndGateway_withOnlyClearFields() throws Exception {
    try (var files = Files.walk(data)) {
      List<String> parts =
          files
              .filter(p -> p.toString().endsWith(".parquet"))
              .map(p -> data.relativize(p).toString())
              .sorted()
              .toList();
      assertThat(parts)
          .contains(
              "day=2020-03-20/gateway=150000-a/part-0-19199.parquet",
              "day=2020-03-21/gateway=150000-a/part-19200-39999.parquet");
      assertThat(parts)
          .allMatch(
              p ->
                  p.matches(
                      "day=\\d{4}-\\d{2}-\\d{2}/gateway=150000-[abc]/part-\\d+-\\d+\\.parquet"));
    }
    DecisionsSql.Result r = DecisionsSql.query(data, "SELECT * FROM decisions LIMIT 1");
    assertThat(r.columns())
        .containsExactlyInAnyOrder(
            "sequence",
            "gateway",
            "leaf_hash",
            "time",
            "day",
            "node_answer",
            "rejection",
            "checkpoint_id",
            "checkpoint_type",
            "kind",
            "jurisdiction",
            "issuer",
            "outcome",
            "measures",
            "reasons",
            "policy_version",
            "offline",
            "from_cache",
            "node_reachable",
            "temperature");
  }

  @Test
  void parquetRow_leafHashProvesInclusionAgainstTheShardsSignedCheckpoint() throws Exception {
    Path shard = logs.resolve("150000-b");
    DecisionsSql.Result rows =
        DecisionsSql.query(
            data,
            "SELECT sequence, leaf_hash FROM decisions WHERE gateway = '150000-b' AND sequence IN (0, 1, 999, 1000, 17321, 34999)"
                + " ORDER BY sequence");
    assertThat(rows.rows()).hasSize(6);
    try (AuditLog log =
        AuditLog.open(
            shard, AuditLogOptions.defaults("150000-b", TestKeys.signer(FleetLogs.KEY)))) {
      Checkpoint cp = Checkpoints.parse(log.latestCheckpoint().orElseThrow());
      assertThat(cp.getTreeSize()).isEqualTo(35_000);
      byte[] root = cp.getRootHash().toByteArray();
      for (List<Object> row : rows.rows()) {
        long seq = (Long) row.get(0);
        byte[] leaf = HexFormat.of().parseHex((String) row.get(1));
        MerkleProofs.verifyInclusion(
            seq, cp.getTreeSize(), leaf, log.inclusionProof(seq, cp.getTreeSize()), root);
        // The same hash does not prove another sequence, and a changed hash proves nothing.
        long other = seq == 0 ? 1 : seq - 1;
        assertThatThrownBy(
                () ->
                    MerkleProofs.verifyInclusion(
                        other,
                        cp.getTreeSize(),
                        leaf,
                        log.inclusionProof(other, cp.getTreeSize()),
                        root))
            .isInstanceOf(ProofException.class);
        leaf[0] ^= 1;
        assertThatThrownBy(
                () ->
                    MerkleProofs.verifyInclusion(
                        seq,
                        cp.getTreeSize(),
                        leaf,
                        log.inclusionProof(seq, cp.getTreeSize()),
                        root))
            .isInstanceOf(ProofException.class);
      }
    }
  }

  @Test
  void sql_refusesAnythingButOneSelect_andChangesNothing() throws Exception {
    Path target = tmp.resolve("stolen.csv");
    for (String statement :
        List.of(
            "DELETE FROM decisions",
            "DROP VIEW decisions",
            "COPY (SELECT * FROM decisions) TO '" + target + "'",
            "SELECT 1; SELECT 2",
            "SELECT 1; COPY (SELECT 1) TO '" + target + "'",
            "ATTACH '" + tmp.resolve("x.db") + "'",
            "SET enable_external_access = true",
            "INSTALL httpfs",
            "CREATE TABLE t AS SELECT * FROM decisions")) {
      var run = AuditCommandRunner.run("sql", "--data", data.toString(), statement);
      assertThat(run.exit()).as(statement).isEqualTo(2);
      assertThat(run.err()).as(statement).startsWith("audit sql: refused: only a single SELECT");
      assertThat(run.out()).isEmpty();
    }
    assertThat(target).doesNotExist();
    assertThat(tmp.resolve("x.db")).doesNotExist();
    assertThat(counts("SELECT 'total', count(*) FROM decisions"))
        .containsExactly(Map.entry("total", (long) all.size()));
  }

  @Test
  void sql_readsNothingOutsideTheExport_andErrorsAreOneLineWithoutStackTrace() throws Exception {
    Path outside = tmp.resolve("outside.csv");
    Files.writeString(outside, "a,b\n1,2\n");
    var run =
        AuditCommandRunner.run(
            "sql", "--data", data.toString(), "SELECT * FROM read_csv('" + outside + "')");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("Permission Error").doesNotContain("1,2");
    assertThat(run.err().strip().lines()).hasSize(1);

    run =
        AuditCommandRunner.run(
            "sql", "--data", data.toString(), "SELECT no_such_column FROM decisions");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err())
        .startsWith("audit sql: ")
        .contains("no_such_column")
        .doesNotContain("\tat ", "Exception");
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void sql_printsTableCsvAndJsonThatParse() throws Exception {
    String q =
        "SELECT outcome, count(*) AS n, max(measures) AS some_measures, max(temperature) AS t "
            + "FROM decisions GROUP BY outcome ORDER BY outcome";
    Map<String, Long> expected = count(r -> DecisionRows.name(r.getOutcome(), "OUTCOME_"));

    var table = AuditCommandRunner.run("sql", "--data", data.toString(), q);
    assertThat(table.exit()).isZero();
    List<String> lines = table.out().lines().toList();
    assertThat(lines.get(0)).matches("outcome\\s+\\|\\s+n \\| some_measures\\s+\\| +t");
    assertThat(lines.get(1)).matches("[-+]+");
    assertThat(lines).last().isEqualTo("(5 rows)");
    assertThat(lines.subList(2, 7)).allMatch(l -> l.indexOf('|') == lines.get(0).indexOf('|'));

    var csv = AuditCommandRunner.run("sql", "--data", data.toString(), "--csv", q);
    assertThat(csv.exit()).isZero();
    List<String> rows = csv.out().lines().toList();
    assertThat(rows.get(0)).isEqualTo("outcome,n,some_measures,t");
    Map<String, Long> fromCsv = new TreeMap<>();
    for (String row : rows.subList(1, rows.size())) {
      List<String> f = Csv.fields(row);
      assertThat(f).hasSize(4);
      fromCsv.put(f.get(0), Long.parseLong(f.get(1)));
    }
    assertThat(fromCsv).isEqualTo(expected);

    var json = AuditCommandRunner.run("sql", "--data", data.toString(), "--json", q);
    assertThat(json.exit()).isZero();
    JsonArray array = JsonParser.parseString(json.out()).getAsJsonArray();
    Map<String, Long> fromJson = new TreeMap<>();
    for (var e : array) {
      JsonObject o = e.getAsJsonObject();
      fromJson.put(o.get("outcome").getAsString(), o.get("n").getAsLong());
      assertThat(o.get("some_measures").isJsonArray()).isTrue();
      assertThat(o.get("t").getAsDouble()).isBetween(36.0, 38.0);
    }
    assertThat(fromJson).isEqualTo(expected);
  }

  private static Map<String, Long> counts(String sql) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    for (List<Object> row : DecisionsSql.query(data, sql).rows()) {
      out.put(String.valueOf(row.get(0)), ((Number) row.get(1)).longValue());
    }
    return out;
  }

  private static Map<String, Long> count(java.util.function.Function<AuditRecord, String> key) {
    return all.stream()
        .collect(
            Collectors.groupingBy(
                r -> String.valueOf(emptyToNull(key.apply(r))),
                TreeMap::new,
                Collectors.counting()));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
