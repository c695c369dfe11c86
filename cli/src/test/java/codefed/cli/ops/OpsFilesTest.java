package codefed.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.cli.testing.DebianTools;
import codefed.cli.testing.Repository;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operators' files in {@code ops/}: Prometheus's own checker parses the configuration and the
 * alert rules, runs their unit tests, and parses every expression of the Grafana dashboard.
 */
class OpsFilesTest {
  static final Path OPS = Repository.root().resolve("ops");

  @TempDir Path tmp;

  @Test
  void alertRules_passPromtoolCheckAndTheirUnitTests() throws Exception {
    Path promtool = DebianTools.require("promtool", "prometheus");
    Path rules = OPS.resolve("prometheus");

    assertThat(run(rules, promtool.toString(), "check", "config", "prometheus.yml"))
        .contains("SUCCESS");
    assertThat(run(rules, promtool.toString(), "check", "rules", "codefed-alerts.yml"))
        .contains("6 rules found");
    assertThat(run(rules, promtool.toString(), "test", "rules", "codefed-alerts.test.yml"))
        .contains("SUCCESS");
  }

  @Test
  void dashboard_everyPanelQueryIsValidPromql() throws Exception {
    Path promtool = DebianTools.require("promtool", "prometheus");
    List<String> exprs = dashboardExpressions();
    assertThat(exprs).hasSizeGreaterThan(10);

    // promtool parses expressions only inside rule files: one recording rule per panel query,
    // with Grafana's variables replaced as Grafana would.
    StringBuilder file = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    for (int i = 0; i < exprs.size(); i++) {
      String expr = exprs.get(i).replace("$__rate_interval", "1m").replace("$instance", ".*");
      file.append("      - record: dashboard:expr")
          .append(i)
          .append('\n')
          .append("        expr: '")
          .append(expr.replace("'", "''"))
          .append("'\n");
    }
    Files.writeString(tmp.resolve("dashboard-rules.yml"), file);

    assertThat(run(tmp, promtool.toString(), "check", "rules", "dashboard-rules.yml"))
        .contains(exprs.size() + " rules found");
  }

  @Test
  void dashboard_isProvisionedFromTheFolderItShipsIn() throws IOException {
    String provider = Files.readString(OPS.resolve("grafana/provisioning/dashboards/codefed.yml"));
    JsonObject dashboard = dashboard();

    assertThat(provider)
        .contains("type: file")
        .contains("path: /var/lib/grafana/dashboards/codefed");
    assertThat(dashboard.get("uid").getAsString()).isEqualTo("codefed-gateway");
    assertThat(dashboard.get("id")).as("provisioned dashboards carry no database id").isNull();
  }

  static List<String> dashboardExpressions() throws IOException {
    List<String> exprs = new ArrayList<>();
    for (JsonElement panel : dashboard().getAsJsonArray("panels")) {
      for (JsonElement target : panel.getAsJsonObject().getAsJsonArray("targets")) {
        exprs.add(target.getAsJsonObject().get("expr").getAsString());
      }
    }
    return exprs;
  }

  static JsonObject dashboard() throws IOException {
    return JsonParser.parseString(
            Files.readString(OPS.resolve("grafana/dashboards/codefed-gateway.json")))
        .getAsJsonObject();
  }

  private static String run(Path dir, String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(String.join(" ", command) + ":\n" + out).isZero();
    return out;
  }
}
