package codefed.cli.demo;

import codefed.cli.drill.Drill;
import codefed.cli.drill.DrillGateway;
import codefed.code.HealthCodeText;
import codefed.node.ProvinceNode;
import codefed.node.issuance.IssueOptions;
import codefed.node.issuance.IssuedCode;
import codefed.node.population.PopulationGenerator;
import codefed.node.population.Resident;
import codefed.node.status.IssuerColor;
import codefed.node.status.StatusUpdate;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.SignedCode;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * The scripted tour: an Inner Mongolia gateway scanning codes from Shanxi, Hubei, Yunnan, the
 * national platform and its own province, across the 2020 and 2021 policies, through a color
 * change, a forged code and a node outage.
 */
final class DemoScript {
  static final String GATEWAY = "150000";
  static final List<String> ISSUERS = List.of("150000", "140000", "420000", "530000", "NATIONAL");
  static final Instant MARCH_2020 = Instant.parse("2020-03-20T01:00:00Z"); // 09:00 +08:00
  static final Instant FEB_2021 = Instant.parse("2021-02-08T01:00:00Z");

  private final Drill drill;
  private final DrillGateway gateway;
  private final PrintStream out;
  private final List<DemoRow> rows = new ArrayList<>();
  private int residentIndex;

  DemoScript(Drill drill, DrillGateway gateway, PrintStream out) {
    this.drill = drill;
    this.gateway = gateway;
    this.out = out;
  }

  List<DemoRow> run() throws Exception {
    out.println(DemoRow.header());
    drill.clock().set(MARCH_2020);

    IssuedCode shanxiGreen = issue("140000", Duration.ofHours(72), Set.of(), List.of(), false);
    scan(
        "Shanxi, green, 36.5 °C",
        shanxiGreen.qrText(),
        CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
        36.5);
    scan("the same code again", shanxiGreen.qrText(), CheckpointType.CHECKPOINT_TYPE_TRAFFIC, 36.6);
    scan(
        "Shanxi, yellow: cross-city",
        issue(
                "140000",
                Duration.ofHours(48),
                Set.of(Reason.REASON_CROSS_CITY_TRAVEL),
                List.of(),
                false)
            .qrText(),
        CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
        36.4);
    scan(
        "Shanxi, red: close contact",
        issue("140000", Duration.ofHours(30), Set.of(Reason.REASON_CLOSE_CONTACT), List.of(), false)
            .qrText(),
        CheckpointType.CHECKPOINT_TYPE_PUBLIC_PLACE,
        36.5);
    scan(
        "Shanxi, red: confirmed case",
        issue("140000", Duration.ofHours(30), Set.of(Reason.REASON_CONFIRMED), List.of(), false)
            .qrText(),
        CheckpointType.CHECKPOINT_TYPE_MEDICAL,
        37.0);
    scan(
        "Shanxi, green, but 37.8 °C",
        issue("140000", Duration.ofHours(10), Set.of(), List.of(), false).qrText(),
        CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
        37.8);
    scan(
        "Inner Mongolia, 15 days old",
        issue("150000", Duration.ofDays(15), Set.of(), List.of(), false).qrText(),
        CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
        36.5);
    String hubei = issue("420000", Duration.ofHours(20), Set.of(), List.of(), false).qrText();
    scan("Hubei, green (all but Hubei)", hubei, CheckpointType.CHECKPOINT_TYPE_TRAFFIC, 36.5);
    scan(
        "forged signature (one bit)",
        forge(shanxiGreen.qrText()),
        CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
        36.5);

    long seq =
        drill
            .node("140000")
            .update(
                shanxiGreen.codeId(),
                StatusUpdate.exactly(Set.of(Reason.REASON_CLOSE_CONTACT), List.of()))
            .sequence();
    if (!gateway.awaitStatusChange("140000", seq, Duration.ofSeconds(10))) {
      out.println(
          "    (the change stream did not deliver within 10 s; the next answer may come from the cache)");
    }
    scan(
        "code #1, now a close contact",
        shanxiGreen.qrText(),
        CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
        36.5);

    IssuedCode withSnapshot = issue("140000", Duration.ofHours(5), Set.of(), List.of(), true);
    IssuedCode noSnapshot = issue("140000", Duration.ofHours(5), Set.of(), List.of(), false);
    drill.faults().down("140000");
    scan(
        "node down, code w/o snapshot",
        noSnapshot.qrText(),
        CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
        36.5);
    scan(
        "node down, 3-min snapshot",
        withSnapshot.qrText(),
        CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
        36.5);
    drill.faults().up("140000");
    drill.clock().advance(Duration.ofSeconds(30)); // past the breaker's open interval
    scan(
        "node back up, the same code",
        noSnapshot.qrText(),
        CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
        36.5);

    drill.clock().set(FEB_2021);
    scan(
        "2021: Hubei, green",
        issue("420000", Duration.ofHours(20), Set.of(), List.of(), false).qrText(),
        CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
        36.5);
    scan(
        "2021: Shanxi, medium-risk",
        issue(
                "140000",
                Duration.ofHours(20),
                Set.of(),
                List.of(
                    ProvinceNode.visitAt(
                        RiskLevel.RISK_LEVEL_MEDIUM, FEB_2021.minus(Duration.ofDays(3)))),
                false)
            .qrText(),
        CheckpointType.CHECKPOINT_TYPE_PUBLIC_PLACE,
        36.5);
    scan(
        "2021: national platform code",
        issue("NATIONAL", Duration.ofHours(20), Set.of(), List.of(), false).qrText(),
        CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
        36.5);
    scan(
        "2021: national red, own rule",
        issueByOwnCriteria("NATIONAL", Color.COLOR_RED, "national platform rules").qrText(),
        CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
        36.5);
    scan(
        "2021: Yunnan, green",
        issue("530000", Duration.ofHours(20), Set.of(), List.of(), false).qrText(),
        CheckpointType.CHECKPOINT_TYPE_MEDICAL,
        36.5);
    return rows;
  }

  private IssuedCode issue(
      String issuer,
      Duration age,
      Set<Reason> reasons,
      List<codefed.node.registry.Visit> visits,
      boolean snapshot)
      throws Exception {
    Instant now = drill.clock().instant();
    Resident r = new PopulationGenerator(issuer, 2020).resident(residentIndex++, now);
    IssueOptions.Builder o =
        IssueOptions.builder()
            .declaration(r.declaration())
            .issuedAt(now.minus(age))
            .status(reasons, visits);
    if (snapshot) {
      o.snapshot(Color.COLOR_GREEN, now.minus(Duration.ofMinutes(3)));
    } else {
      o.noSnapshot();
    }
    return drill.node(issuer).issue(o.build());
  }

  /** A code the issuer colors by its own criteria (no seed-003 reason), with its note. */
  private IssuedCode issueByOwnCriteria(String issuer, Color color, String note) throws Exception {
    Instant now = drill.clock().instant();
    Resident r = new PopulationGenerator(issuer, 2020).resident(residentIndex++, now);
    return drill
        .node(issuer)
        .issue(
            IssueOptions.builder()
                .declaration(r.declaration())
                .issuedAt(now.minus(Duration.ofHours(20)))
                .issuerStatus(new IssuerColor(color, note), List.of())
                .build());
  }

  private void scan(String scene, String qr, CheckpointType type, double temperature) {
    long start = System.nanoTime();
    Decision d = gateway.scan(qr, type, OptionalDouble.of(temperature));
    double ms = (System.nanoTime() - start) / 1e6;
    String issuer = d.getIssuer().isEmpty() ? "?" : d.getIssuer();
    DemoRow row =
        new DemoRow(
            rows.size() + 1,
            scene,
            drill.clock().instant(),
            type,
            issuer,
            OptionalDouble.of(temperature),
            d,
            ms);
    rows.add(row);
    out.println(row.line());
  }

  private static String forge(String qr) throws Exception {
    SignedCode code = HealthCodeText.decode(qr);
    byte[] sig = code.getSignature().toByteArray();
    sig[sig.length / 2] ^= 0x01;
    return HealthCodeText.encode(code.toBuilder().setSignature(ByteString.copyFrom(sig)).build());
  }
}
