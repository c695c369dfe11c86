package codefed.gateway.cli;

import static codefed.gateway.testing.Assertions.found;
import static org.assertj.core.api.Assertions.assertThat;

import codefed.gateway.config.GatewayOptions;
import codefed.gateway.server.GatewayServer;
import codefed.gateway.testing.FakeDecisionLog;
import codefed.gateway.testing.FakeStatusSource;
import codefed.gateway.testing.RealCodes;
import codefed.gateway.testing.SharedPki;
import codefed.pki.PkiDirectory;
import codefed.time.MutableClock;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Reason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code codefed scan} against a real gateway over mTLS. */
class ScanCommandTest {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();

  @TempDir Path dir;
  final PkiDirectory pki = SharedPki.get();
  final RealCodes codes = new RealCodes(pki);
  final FakeStatusSource status = new FakeStatusSource();
  final FakeDecisionLog log = new FakeDecisionLog();
  GatewayServer gateway;
  int port;

  @BeforeEach
  void start() throws Exception {
    gateway =
        GatewayServer.builder(
                GatewayOptions.builder("150000")
                    .pkiDir(pki.root())
                    .port(0)
                    .hmacKeyFile(dir.resolve("hmac.key"))
                    .build())
            .statusSource(status)
            .decisionLog(log)
            .clock(new MutableClock(MARCH_20))
            .build();
    port = gateway.start();
  }

  @AfterEach
  void stop() {
    gateway.stop();
  }

  record Run(int exit, String out, String err) {}

  /** A scan as checkpoint-1 from the authority's directory, pinned to the 150000 gateway. */
  Run scan(String... args) {
    return run(
        port,
        pki.root(),
        concat(new String[] {"--as", "checkpoint-1", "--jurisdiction", "150000"}, args));
  }

  static Run run(int port, Path pkiDir, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cmd = new CommandLine(new ScanCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
    int exit =
        cmd.execute(
            concat(
                new String[] {"--gateway", "localhost:" + port, "--pki", pkiDir.toString()}, args));
    return new Run(exit, out.toString(), err.toString());
  }

  static String[] concat(String[] first, String[] second) {
    String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }

  String redCode() {
    CodePayload code = codes.payload("140000", MARCH_20.minus(Duration.ofHours(72))).build();
    status.answer(found(code, MARCH_20, Color.COLOR_RED, Reason.REASON_CONFIRMED));
    return codes.qr(code);
  }

  @Test
  void scan_qrText_printsTheDecisionAsAnOfficerReadsIt() {
    Run r = scan("--lang", "en", "--temperature", "36.8", redCode());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith(
            "  CONTROL — stop the person, apply every measure below\n"
                + "  why:      red code; 140000 answered 0 s ago\n"
                + "  do:       transfer to a designated hospital\n")
        .contains("person:   张*   1401**********1235")
        .contains("code:     140000 山西省, RED (CONFIRMED)")
        .contains("policy:   150000@2020-03-19T00:00+08:00")
        .contains("receipt:  audit #0");
    assertThat(log.last().getTemperatureCelsius()).isEqualTo(36.8);
  }

  @Test
  void scan_json_printsOneObjectForMachines() {
    Run r = scan("--json", "--type", "MEDICAL", redCode());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith(
            "{\"outcome\":\"CONTROL\",\"measures\":[\"HOSPITAL_TRANSFER\",\"MEDICAL_REGISTRATION\"]")
        .contains("\"masked_name\":\"张*\"")
        .endsWith("}\n");
    assertThat(log.last().getCheckpointType()).isEqualTo(CheckpointType.CHECKPOINT_TYPE_MEDICAL);
  }

  @Test
  void scan_image_decodesTheQrCodeInThePicture() throws Exception {
    String qr = redCode();
    Path png = dir.resolve("code.png");
    MatrixToImageWriter.writeToPath(
        new QRCodeWriter()
            .encode(qr, BarcodeFormat.QR_CODE, 400, 400, Map.of(EncodeHintType.MARGIN, 4)),
        "PNG",
        png);

    Run r = scan("--lang", "en", "--image", png.toString());

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("  CONTROL — ");
  }

  String greenCode(Duration answeredBefore) {
    CodePayload code = codes.payload("140000", MARCH_20.minus(Duration.ofHours(72))).build();
    status.answer(found(code, MARCH_20.minus(answeredBefore), Color.COLOR_GREEN));
    return codes.qr(code);
  }

  @Test
  void scan_greenCode_english_saysWhyItPassedAndHowFreshTheAnswerIs() {
    Run r = scan("--lang", "en", greenCode(Duration.ofSeconds(2)));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith(
            "  PASS — let the person through\n"
                + "  why:      green code; 140000 answered 2 s ago\n"
                + "  do:       let the person through\n"
                + "  person:   张*   1401**********1235\n"
                + "  code:     140000 山西省, GREEN\n"
                + "  detail:   GREEN\n"
                + "  policy:   150000@2020-03-19T00:00+08:00\n"
                + "  receipt:  audit #0 at 2020-03-20T09:00+08:00\n");
  }

  @Test
  void scan_greenCode_chinese_saysGreenCodeInChinese_labelsAlignedByDisplayWidth() {
    Run r = scan("--lang", "zh", greenCode(Duration.ofSeconds(2)));

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .startsWith(
            "  通行（PASS）— 放行\n"
                + "  原因:     绿码；签发地 140000 2 秒前答复\n"
                + "  处置:     放行\n"
                + "  持码人:   张*   1401**********1235\n");
    assertThat(r.out()).contains("  回执:     审计记录 #0，2020-03-20T09:00+08:00\n");
  }

  @Test
  void scan_alteredCode_reject_explainsInPlainWordsWhatHappenedAndWhatToDo() {
    CodePayload code = codes.payload("140000", MARCH_20.minus(Duration.ofHours(72))).build();
    String forged = RealCodes.tamperPayload(codes.sign(code));

    Run en = scan("--lang", "en", forged);
    Run zh = scan("--lang", "zh", forged);

    assertThat(en.out())
        .startsWith(
            "  REJECT — do not accept this code\n"
                + "  why:      the code is damaged or was altered: it does not read as its issuer signed it\n"
                + "  do:       do not accept it; have the code shown again from the official app;"
                + " if it fails again, check by hand and report it\n");
    assertThat(en.out()).doesNotContain("do:       -");
    assertThat(zh.out()).startsWith("  拒绝（REJECT）— 此码不予认可\n  原因:     二维码损坏或被篡改");
    assertThat(log.records()).hasSize(2);
    assertThat(status.calls()).as("no node asked about a forged code").isEmpty();
  }

  @Test
  void scan_hubeiCodeInMarch2020_manual_namesTheIssuerAndTheCheckToMake() {
    CodePayload code = codes.payload("420000", MARCH_20.minus(Duration.ofHours(72))).build();

    Run r = scan("--lang", "en", codes.qr(code));

    assertThat(r.out())
        .startsWith(
            "  MANUAL VERIFICATION — check by hand\n"
                + "  why:      codes of issuer 420000 are not recognized here at this time\n"
                + "  do:       check by hand (paper pass, ID card, itinerary) and record the check\n"
                + "  person:");
  }

  @Test
  void scan_json_carriesTheCause() {
    Run r = scan("--json", greenCode(Duration.ofSeconds(2)));

    assertThat(r.out())
        .contains("\"cause\":\"GREEN\"")
        .contains("\"status_asserted_at\":\"2020-03-20T00:59:58Z\"");
  }

  @Test
  void scan_unknownLanguage_isAUsageError_nothingScanned() {
    Run r = scan("--lang", "fr", greenCode(Duration.ofSeconds(2)));

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--lang: fr (expected: en or zh)");
    assertThat(log.records()).isEmpty();
  }

  @Test
  void scan_unknownCheckpointType_failsWithoutScanning() {
    Run r = scan("--type", "AIRPORT", "HCF1:X");

    assertThat(r.exit()).isNotZero();
    assertThat(log.records()).isEmpty();
  }

  @Test
  void scan_bothTextAndImage_isAUsageError() {
    Run r = scan("--image", "x.png", "HCF1:X");

    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("Usage: scan");
  }
}
