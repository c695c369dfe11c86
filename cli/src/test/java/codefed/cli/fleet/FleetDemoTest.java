package codefed.cli.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.cli.Codefed;
import codefed.cli.demo.FleetDemo;
import codefed.gateway.audit.LogReader;
import healthcode.federation.v1.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet demo end to end: three gateways as separate JVMs over mTLS, three checkpoints with
 * round robin, gateway {@code 150000-b} killed with SIGKILL while scans are in flight and then
 * restarted. Checked against the shards themselves, not only the demo's own summary: every answered
 * scan is recorded, nothing is recorded twice (records = answered scans + at most the scans that
 * failed in flight), every shard has records, and the killed gateway records again after its
 * restart. Then the auditor's path: {@code audit export} of the shards and {@code audit sql}
 * counting by outcome give the demo's own counts and the shards' record counts.
 */
class FleetDemoTest {
  @TempDir Path dir;

  @Test
  void fleetDemo_gatewayKilledMidRun_noAnsweredScanLostAndEveryShardVerifies() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int exit;
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      exit = FleetDemo.run(dir, 3, 24, 100, out);
    }
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertThat(exit).as(output).isZero();
    Matcher summary =
        Pattern.compile(
                "Fleet: (\\d+) scans sent \\((\\d+) answered, (\\d+) failed in flight and scanned again\\), "
                    + "(\\d+) decisions recorded across 3 shards, 0 scans lost, 3/3 shards verified")
            .matcher(output);
    assertThat(summary.find()).as(output).isTrue();
    int sent = Integer.parseInt(summary.group(1));
    int answered = Integer.parseInt(summary.group(2));
    int failed = Integer.parseInt(summary.group(3));
    assertThat(answered)
        .isGreaterThanOrEqualTo(3 * 24); // round 3 goes on until the restarted gateway answers
    assertThat(sent).isEqualTo(answered + failed);

    Map<String, Integer> perShard = new HashMap<>();
    Map<String, Long> byOutcome = new TreeMap<>();
    int records = 0;
    for (String shard : List.of("150000-a", "150000-b", "150000-c")) {
      List<AuditRecord> log = LogReader.readAll(dir.resolve("audit").resolve(shard));
      log.forEach(
          r ->
              byOutcome.merge(r.getOutcome().name().substring("OUTCOME_".length()), 1L, Long::sum));
      assertThat(log).as("shard %s", shard).isNotEmpty();
      assertThat(log).allSatisfy(r -> assertThat(r.getGateway()).isEqualTo(shard));
      assertThat(log.stream().map(AuditRecord::getSequence).distinct().count())
          .isEqualTo(log.size());
      perShard.put(shard, log.size());
      records += log.size();
    }
    assertThat(records).as(output).isBetween(answered, answered + failed);
    assertThat(Integer.parseInt(summary.group(4))).isEqualTo(records);

    Matcher round2 =
        Pattern.compile("after round 2: \\d+ scans answered \\(.*150000-b (\\d+)").matcher(output);
    Matcher round3 =
        Pattern.compile("after round 3: \\d+ scans answered \\(.*150000-b (\\d+)").matcher(output);
    assertThat(round2.find() && round3.find()).as(output).isTrue();
    assertThat(Integer.parseInt(round3.group(1)))
        .as("gateway b answers again after its restart")
        .isGreaterThan(Integer.parseInt(round2.group(1)));
    assertThat(perShard.get("150000-b")).isGreaterThanOrEqualTo(Integer.parseInt(round3.group(1)));
    assertThat(output)
        .contains("killed gateway 150000-b with SIGKILL")
        .contains("restarted gateway 150000-b");

    // The demo's per-outcome counts, its own export + SQL, and the auditor's commands run again on
    // D.
    assertThat(byOutcome).as("every tenth code reports fever").containsKeys("PASS", "CONTROL");
    Matcher outcomes = Pattern.compile("Outcomes across shards: (.*)").matcher(output);
    assertThat(outcomes.find()).as(output).isTrue();
    assertThat(parse(outcomes.group(1))).isEqualTo(byOutcome);
    assertThat(output)
        .contains("SQL over the export: " + outcomes.group(1) + " (equal to the shards' counts)");

    Path parquet = dir.resolve("auditor-parquet");
    String[] export =
        codefed(
            "audit",
            "export",
            "--log",
            dir.resolve("audit").toString(),
            "--out",
            parquet.toString());
    assertThat(export[0]).as(export[1]).isEqualTo("0");
    String[] sql =
        codefed(
            "audit",
            "sql",
            "--data",
            parquet.toString(),
            "--csv",
            "SELECT outcome, count(*) AS n FROM decisions GROUP BY outcome ORDER BY outcome");
    assertThat(sql[0]).as(sql[1]).isEqualTo("0");
    Map<String, Long> fromSql = new TreeMap<>();
    sql[1]
        .lines()
        .skip(1)
        .forEach(l -> fromSql.put(l.split(",")[0], Long.parseLong(l.split(",")[1])));
    assertThat(fromSql).isEqualTo(byOutcome);
    assertThat(fromSql.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(records);
    String[] perGateway =
        codefed(
            "audit",
            "sql",
            "--data",
            parquet.toString(),
            "--csv",
            "SELECT gateway, count(*) AS n FROM decisions GROUP BY gateway ORDER BY gateway");
    Map<String, Integer> sqlPerShard = new HashMap<>();
    perGateway[1]
        .lines()
        .skip(1)
        .forEach(l -> sqlPerShard.put(l.split(",")[0], Integer.parseInt(l.split(",")[1])));
    assertThat(sqlPerShard).isEqualTo(perShard);
  }

  /** {@code PASS 290, CONTROL 10} → a map. */
  private static Map<String, Long> parse(String counts) {
    Map<String, Long> m = new TreeMap<>();
    for (String part : counts.split(", ")) {
      String[] kv = part.split(" ");
      m.put(kv[0], Long.parseLong(kv[1]));
    }
    return m;
  }

  /** Exit code, stdout and stderr of one {@code codefed} command run in-process. */
  private static String[] codefed(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cmd = Codefed.newCommandLine();
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new String[] {String.valueOf(exit), out.toString(), err.toString()};
  }
}
