package codefed.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.code.HealthCodeText;
import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.CheckpointSignatures;
import codefed.gateway.audit.LogFiles;
import codefed.gateway.audit.TestRecords;
import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecordKind;
import healthcode.federation.v1.SignedCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuditCommandTest {
  private static final byte[] HMAC_KEY = new byte[32];
  private static final byte[] CODE_ID = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");

  @TempDir static Path tmp;
  private static PkiDirectory pki;
  private static Path log;
  private static String qrText;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void writeLog() throws Exception {
    pki = TestPki.create(tmp.resolve("pki"), "150000", "140000");
    Path audit = tmp.resolve("audit");
    log = audit.resolve("150000");
    Files.createDirectories(audit);
    Files.writeString(audit.resolve("hmac.key"), HexFormat.of().formatHex(HMAC_KEY) + "\n");
    ByteString hmac = AuditQueryCommand.hmac(audit.resolve("hmac.key"), CODE_ID);
    Signer issuer = pki.issuerSigner("140000");
    byte[] payload =
        CodePayload.newBuilder()
            .setIssuer("140000")
            .setCodeId(ByteString.copyFrom(CODE_ID))
            .build()
            .toByteArray();
    qrText =
        HealthCodeText.encode(
            SignedCode.newBuilder()
                .setPayload(ByteString.copyFrom(payload))
                .setKeyId(issuer.keyId())
                .setSignature(ByteString.copyFrom(issuer.sign(SigningDomain.CODE, payload)))
                .build());
    try (AuditLog l =
        AuditLog.open(
            log,
            AuditLogOptions.defaults("150000", CheckpointSignatures.gatewaySigner(pki, "150000"))
                .withCheckpointEvery(20, java.time.Duration.ofHours(1)))) {
      for (int i = 0; i < 50; i++) {
        AuditRecord r = TestRecords.decision(i);
        if (i == 7 || i == 30) {
          r = r.toBuilder().setCodeIdHmac(hmac).build();
        }
        if (i % 9 == 0) {
          r =
              r.toBuilder()
                  .setKind(RecordKind.RECORD_KIND_DECISION)
                  .setOutcome(Outcome.OUTCOME_MANUAL_VERIFICATION)
                  .setNodeReachable(false)
                  .build();
        }
        l.append(r);
      }
    }
  }

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new AuditCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit = cmd.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void verify_aCleanLog_printsOk_andExitsZero() {
    Run r = run("verify", "--log", tmp.resolve("audit").toString(), "--pki", pki.root().toString());
    assertThat(r.out()).isEqualTo("150000: OK: 50 records, 3 checkpoints\n");
    assertThat(r.exit()).isZero();
  }

  @Test
  void verify_aCopyWithOneByteFlipped_namesTheRecord_andExitsNonZero() throws Exception {
    Path copy = LogFiles.snapshot(log, tmp.resolve("flipped"));
    Path segment = LogFiles.lastSegment(copy);
    int offset = LogFiles.frameOffsets(segment).get(21);
    LogFiles.flipByte(segment, offset + 30);
    Run r = run("verify", "--log", copy.toString(), "--pki", pki.root().toString());
    assertThat(r.out())
        .startsWith("FAIL: record 21 (" + segment.getFileName() + " at byte " + offset + ")");
    assertThat(r.exit()).isEqualTo(1);
  }

  @Test
  void query_byCode_findsItsRecordsThroughTheHmac() {
    Run r = run("query", "--log", log.toString(), "--code", qrText);
    assertThat(r.out().lines().filter(l -> l.startsWith("#")).map(l -> l.split(" ")[0]))
        .containsExactly("#7", "#30");
    assertThat(r.out()).endsWith("2 records\n").doesNotContain("00112233");
  }

  @Test
  void query_byCheckpoint_andByPeriod() {
    Run byCheckpoint = run("query", "--log", log.toString(), "--checkpoint", "cp-3");
    assertThat(byCheckpoint.out())
        .endsWith("10 records\n")
        .contains("#3 ")
        .contains(" cp-3 TRAFFIC DECISION");
    // records are 7 s apart from 2020-03-20T08:00Z: [16:00:07+08:00, 16:00:35+08:00) holds #1..#4
    Run byPeriod =
        run(
            "query",
            "--log",
            log.toString(),
            "--from",
            "2020-03-20T16:00:07+08:00",
            "--to",
            "2020-03-20T16:00:35+08:00");
    assertThat(byPeriod.out())
        .endsWith("4 records\n")
        .startsWith("#1 2020-03-20T16:00:07+08:00 150000 cp-1");
    assertThat(run("query", "--log", log.toString(), "--checkpoint", "x", "--code", qrText).exit())
        .isEqualTo(2);
  }

  @Test
  void report_writesOneSelfContainedPage() throws Exception {
    Path html = tmp.resolve("report/report.html");
    Run r = run("report", "--log", tmp.resolve("audit").toString(), "--html", html.toString());
    assertThat(r.exit()).isZero();
    String page = Files.readString(html);
    assertThat(page)
        .startsWith("<!DOCTYPE html>")
        .contains("<svg")
        .contains("by outcome")
        .contains("gateway 150000")
        .contains("Manual-verification share")
        .contains("Node availability")
        .contains("140000 Shanxi")
        .doesNotContain("<script")
        .doesNotContain("http://")
        .doesNotContain("https://");
  }
}
