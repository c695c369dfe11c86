package codefed.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.cli.drill.Drill;
import codefed.cli.drill.DrillGateway;
import codefed.code.Masking;
import codefed.gateway.audit.LogReader;
import codefed.gateway.audit.LogVerifier;
import codefed.gateway.audit.PkiVerificationKeys;
import codefed.gateway.audit.VerificationReport;
import codefed.gateway.audit.replay.DecisionReplay;
import codefed.gateway.audit.seal.EvidenceCheck;
import codefed.gateway.audit.seal.EvidenceOpener;
import codefed.gateway.audit.seal.RecordInputs;
import codefed.gateway.cli.AuditCommand;
import codefed.node.ProvinceNode;
import codefed.node.population.PopulationExporter;
import codefed.node.population.PopulationGenerator;
import codefed.node.population.Resident;
import codefed.node.registry.Visit;
import codefed.node.status.RiskArea;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.RiskLevel;
import healthcode.federation.v1.StatusAssertion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Real scans of synthetic residents (a node and a gateway over mTLS, itineraries through real
 * county areas) leave no raw code id, name, ID number (full or masked), phone number, area code or
 * area name of those residents anywhere in the audit directory, as raw bytes, UTF-8 or hex; with
 * the auditors' key every decision replays exactly and every node signature re-checks.
 */
class SealedAuditEndToEndTest {
  private static final String ISSUER = "140000";
  private static final String JURISDICTION = "150000";

  /** Under the 2021-01-31 policy: every province recognized, itineraries checked. */
  private static final Instant START = Instant.parse("2021-02-05T02:00:00Z");

  private static final int RESIDENTS = 24;
  private static final List<RiskArea> AREAS =
      List.of(
          new RiskArea("420106", "武汉市武昌区", RiskLevel.RISK_LEVEL_HIGH),
          new RiskArea("110105", "北京市朝阳区", RiskLevel.RISK_LEVEL_MEDIUM),
          new RiskArea("140105", "太原市小店区", RiskLevel.RISK_LEVEL_LOW));

  @TempDir Path dir;

  @Test
  void realScans_leaveNoPersonalDataInTheAuditDirectory_andReplayExactlyWithTheAuditorsKey()
      throws Exception {
    Path audit = dir.resolve("audit");
    List<Resident> residents;
    Map<String, Resident> byQr = new LinkedHashMap<>();
    try (Drill drill =
        Drill.start(
            dir.resolve("drill"),
            Set.of(ISSUER),
            Set.of(JURISDICTION),
            START,
            START.minus(Duration.ofDays(60)),
            RESIDENTS)) {
      ProvinceNode node = drill.node(ISSUER);
      residents =
          new PopulationGenerator(ISSUER, ISSUER.hashCode()).residents(RESIDENTS, START).toList();
      List<String> qrs = new ArrayList<>();
      new PopulationExporter(
              ISSUER, ISSUER.hashCode(), drill.pki().issuerSigner(ISSUER), drill.clock())
          .export(RESIDENTS, new PrintWriter(new StringWriter()), (i, qr) -> qrs.add(qr));
      node.setRiskAreas(AREAS);
      for (Resident r : residents) {
        RiskArea area = AREAS.get(r.index() % AREAS.size());
        node.setStatus(
            r.codeId(),
            r.findings(),
            List.of(new Visit(area.areaCode(), START.minus(Duration.ofDays(2)))));
        byQr.put(qrs.get(r.index()), r);
      }
      drill.clock().set(START.plus(Duration.ofMinutes(1)));
      try (DrillGateway gateway = drill.gateway(JURISDICTION, audit)) {
        int i = 0;
        for (String qr : byQr.keySet()) {
          Decision d =
              gateway.scan(
                  qr,
                  CheckpointType.values()[1 + i % 3],
                  i % 4 == 0 ? OptionalDouble.of(37.5) : OptionalDouble.empty());
          if (AREAS.get(byQr.get(qr).index() % AREAS.size()).level() == RiskLevel.RISK_LEVEL_HIGH) {
            assertThat(d.getMeasuresList())
                .as("the itinerary reached the decision")
                .contains(Measure.MEASURE_RISK_AREA_CHECK);
          }
          i++;
        }
      }
    }

    try (Stream<Path> s = Files.walk(audit)) {
      assertThat(s.filter(Files::isRegularFile).count())
          .as("segments, checkpoints, policies")
          .isGreaterThanOrEqualTo(3);
    }
    List<String> found = scan(audit, needles(residents));
    assertThat(found).as("personal data in the clear").isEmpty();

    var pki = codefed.pki.PkiDirectory.open(dir.resolve("drill").resolve("pki"));
    EvidenceOpener opener = EvidenceOpener.load(pki.auditorSealKeyPath());
    // Not vacuous: the sealed answers hold the itineraries and masked identities searched for.
    List<StatusAssertion> opened = new ArrayList<>();
    LogReader.forEach(audit, r -> opened.add(open(opener, r)));
    assertThat(opened).hasSize(RESIDENTS);
    assertThat(opened).allSatisfy(a -> assertThat(a.getItineraryCount()).isEqualTo(1));
    assertThat(opened)
        .extracting(a -> a.getItinerary(0).getAreaCode())
        .contains("420106", "110105", "140105");
    assertThat(opened)
        .extracting(StatusAssertion::getMaskedIdNumber)
        .contains(Masking.maskIdNumber(residents.get(0).declaration().getIdNumber()));
    // And the scan finds them where they are in the clear: the opened answers, written out.
    Path control = Files.createDirectories(dir.resolve("control"));
    for (StatusAssertion a : opened) {
      Files.write(
          control.resolve(a.getStatusSequence() + "-" + opened.indexOf(a) + ".bin"),
          a.toByteArray());
    }
    assertThat(scan(control, needles(residents)))
        .anyMatch(f -> f.startsWith("area code 420106"))
        .anyMatch(f -> f.contains("masked id number"))
        .anyMatch(f -> f.contains("code id in"));

    PkiVerificationKeys keys = PkiVerificationKeys.load(pki);
    DecisionReplay.Result replay =
        DecisionReplay.replay(audit, RecordInputs.opening(Optional.of(opener), Optional.of(keys)));
    assertThat(replay.ok()).as(replay.mismatches().toString()).isTrue();
    assertThat(replay.replayed()).isEqualTo(RESIDENTS);
    assertThat(replay.evidence())
        .containsExactly(
            RESIDENTS + " node answers opened from sealed evidence, node signatures re-checked");
    DecisionReplay.Result clear = DecisionReplay.replay(audit);
    assertThat(clear.ok()).as("replay from the clear part alone").isTrue();
    assertThat(String.join("\n", clear.evidence())).contains("node signatures NOT re-checked");

    EvidenceCheck check = EvidenceCheck.of(keys, Optional.of(opener));
    VerificationReport verified = LogVerifier.verify(audit, keys, check);
    assertThat(verified.ok()).as(verified.summary()).isTrue();
    assertThat(check.opened()).isEqualTo(RESIDENTS);
    VerificationReport withoutKey = LogVerifier.verify(audit, keys);
    assertThat(withoutKey.ok()).isTrue();
    assertThat(withoutKey.warnings())
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains(RESIDENTS + " records hold sealed evidence")
                    .contains("NOT checked"));

    StringWriter out = new StringWriter();
    int exit =
        new CommandLine(new AuditCommand())
            .setOut(new PrintWriter(out))
            .execute(
                "replay",
                "--log",
                audit.toString(),
                "--auditor-key",
                pki.auditorSealKeyPath().toString(),
                "--pki",
                pki.root().toString());
    assertThat(exit).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("OK: replayed " + RESIDENTS + " decisions")
        .contains("node answers opened from sealed evidence, node signatures re-checked");
  }

  private static StatusAssertion open(EvidenceOpener opener, AuditRecord r) {
    try {
      return StatusAssertion.parseFrom(opener.open(r).getAssertion().getAssertion());
    } catch (Exception e) {
      throw new AssertionError("record " + r.getSequence() + ": " + e.getMessage(), e);
    }
  }

  /** Everything that identifies the scanned residents, as raw bytes, UTF-8 and hex. */
  private static Map<String, byte[]> needles(List<Resident> residents) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    HexFormat hex = HexFormat.of();
    for (Resident r : residents) {
      var d = r.declaration();
      String who = "resident " + r.index() + " ";
      byte[] codeId = r.codeId().toBytes();
      out.put(who + "code id", codeId);
      out.put(who + "code id hex", hex.formatHex(codeId).getBytes(StandardCharsets.US_ASCII));
      out.put(
          who + "code id HEX",
          hex.withUpperCase().formatHex(codeId).getBytes(StandardCharsets.US_ASCII));
      out.put(who + "name", d.getName().getBytes(StandardCharsets.UTF_8));
      out.put(
          who + "name hex",
          hex.formatHex(d.getName().getBytes(StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.US_ASCII));
      out.put(who + "masked name", Masking.maskName(d.getName()).getBytes(StandardCharsets.UTF_8));
      out.put(who + "id number", d.getIdNumber().getBytes(StandardCharsets.US_ASCII));
      out.put(
          who + "masked id number",
          Masking.maskIdNumber(d.getIdNumber()).getBytes(StandardCharsets.US_ASCII));
      if (!d.getPhone().isEmpty()) {
        out.put(who + "phone", d.getPhone().getBytes(StandardCharsets.US_ASCII));
      }
    }
    for (RiskArea a : AREAS) {
      out.put("area code " + a.areaCode(), a.areaCode().getBytes(StandardCharsets.US_ASCII));
      out.put("area name " + a.areaName(), a.areaName().getBytes(StandardCharsets.UTF_8));
      out.put(
          "area name hex " + a.areaName(),
          hex.formatHex(a.areaName().getBytes(StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.US_ASCII));
    }
    return out;
  }

  /** Every occurrence of every needle in every file under {@code root}. */
  private static List<String> scan(Path root, Map<String, byte[]> needles) throws Exception {
    List<String> found = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> s = Files.walk(root)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    assertThat(files).as("files to scan").isNotEmpty();
    for (Path f : files) {
      byte[] data = Files.readAllBytes(f);
      for (Map.Entry<String, byte[]> n : needles.entrySet()) {
        int at = indexOf(data, n.getValue());
        if (at >= 0) {
          found.add(n.getKey() + " in " + root.relativize(f) + " at byte " + at);
        }
      }
    }
    return found;
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
