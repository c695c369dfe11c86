package codefed.cli.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.cli.demo.FleetDemo;
import codefed.gateway.audit.LogReader;
import healthcode.federation.v1.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet demo end to end: three gateways as separate JVMs over mTLS, three checkpoints with
 * round robin, gateway {@code 150000-b} killed with SIGKILL while scans are in flight and then
 * restarted. Checked against the shards themselves, not only the demo's own summary: every
 * answered scan is recorded, nothing is recorded twice (records = answered scans + at most the
 * scans that failed in flight), every shard has records, and the killed gateway records again
 * after its restart.
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
    Matcher summary = Pattern.compile("Fleet: (\\d+) scans sent \\((\\d+) answered, (\\d+) failed in flight and scanned again\\), "
        + "(\\d+) decisions recorded across 3 shards, 0 scans lost, 3/3 shards verified").matcher(output);
    assertThat(summary.find()).as(output).isTrue();
    int sent = Integer.parseInt(summary.group(1));
    int answered = Integer.parseInt(summary.group(2));
    int failed = Integer.parseInt(summary.group(3));
    assertThat(answered).isGreaterThanOrEqualTo(3 * 24); // round 3 goes on until the restarted gateway answers
    assertThat(sent).isEqualTo(answered + failed);

    Map<String, Integer> perShard = new HashMap<>();
    int records = 0;
    for (String shard : List.of("150000-a", "150000-b", "150000-c")) {
      List<AuditRecord> log = LogReader.readAll(dir.resolve("audit").resolve(shard));
      assertThat(log).as("shard %s", shard).isNotEmpty();
      assertThat(log).allSatisfy(r -> assertThat(r.getGateway()).isEqualTo(shard));
      assertThat(log.stream().map(AuditRecord::getSequence).distinct().count()).isEqualTo(log.size());
      perShard.put(shard, log.size());
      records += log.size();
    }
    assertThat(records).as(output).isBetween(answered, answered + failed);
    assertThat(Integer.parseInt(summary.group(4))).isEqualTo(records);

    Matcher round2 = Pattern.compile("after round 2: \\d+ scans answered \\(.*150000-b (\\d+)").matcher(output);
    Matcher round3 = Pattern.compile("after round 3: \\d+ scans answered \\(.*150000-b (\\d+)").matcher(output);
    assertThat(round2.find() && round3.find()).as(output).isTrue();
    assertThat(Integer.parseInt(round3.group(1))).as("gateway b answers again after its restart")
        .isGreaterThan(Integer.parseInt(round2.group(1)));
    assertThat(perShard.get("150000-b")).isGreaterThanOrEqualTo(Integer.parseInt(round3.group(1)));
    assertThat(output).contains("killed gateway 150000-b with SIGKILL").contains("restarted gateway 150000-b");
  }
}
