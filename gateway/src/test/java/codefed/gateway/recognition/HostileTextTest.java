package codefed.gateway.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.code.Base45;
import codefed.code.HealthCodeText;
import codefed.gateway.audit.seal.TestSealKeys;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.testing.FakeDecisionLog;
import codefed.gateway.testing.FakeStatusSource;
import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import codefed.time.MutableClock;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.ManualMethod;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.SignedCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QR codes, checkpoint names and staff notes crafted to attack whoever reads the log (terminal
 * escapes, forged lines, NULs, huge strings, invalid UTF-8): escaped and bounded, or refused,
 * before anything reaches a record — and a refused request records nothing and asks no node.
 */
class HostileTextTest {
  static final Instant MARCH_20 = OffsetDateTime.parse("2020-03-20T09:00:00+08:00").toInstant();
  static final String ATTACK =
      "\n#999 2020-03-20 FORGED PASS\u001B[2J\u001B]0;owned\u0007\u0000\u202Eevil";
  @TempDir static Path tmp;
  static PkiDirectory pki;

  final FakeStatusSource status = new FakeStatusSource();
  final FakeDecisionLog log = new FakeDecisionLog();
  Recognizer recognizer;

  @BeforeAll
  static void createPki() {
    pki = TestPki.create(tmp.resolve("pki"), "150000", "140000");
  }

  @org.junit.jupiter.api.BeforeEach
  void setUp() throws Exception {
    var trustList = pki.trustList();
    recognizer =
        Recognizer.builder()
            .gateway("150000")
            .jurisdiction("150000")
            .policies(PolicyBook::shipped)
            .verifier(new TrustListCodeVerifier(() -> trustList, 100))
            .status(status)
            .log(log)
            .hasher(new CodeIdHasher(new byte[32]))
            .sealer(TestSealKeys.SEALER)
            .clock(new MutableClock(MARCH_20))
            .build();
  }

  private AuditRecord scan(String checkpoint, String qr) throws Exception {
    recognizer.recognize(
        ScanRequest.of(
            "scan.",
            checkpoint,
            CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
            qr,
            OptionalDouble.empty()));
    assertThat(log.records()).hasSize(1);
    assertThat(status.calls()).as("no node asked").isEmpty();
    return log.last();
  }

  private static String qr(SignedCode code) {
    return HealthCodeText.encode(code);
  }

  private static void assertSafe(String text, int max) {
    assertThat(text).hasSizeLessThanOrEqualTo(max);
    assertThat(text.codePoints())
        .noneMatch(cp -> cp < 0x20 || cp == 0x7F || cp == 0x202E || (cp >= 0x80 && cp < 0xA0));
  }

  @Test
  void keyIdWithTerminalEscapesAndAForgedLine_isEscapedInTheRejection() throws Exception {
    String qr =
        qr(
            SignedCode.newBuilder()
                .setPayload(ByteString.copyFromUtf8("p"))
                .setKeyId("150000-x" + ATTACK)
                .setSignature(ByteString.copyFromUtf8("s"))
                .build());

    AuditRecord r = scan("checkpoint-1", qr);

    assertThat(r.getOutcome()).isEqualTo(Outcome.OUTCOME_REJECT);
    assertThat(r.getCode().getRejection())
        .startsWith("UNKNOWN_KEY: signed_code.key_id: 150000-x\\u{A}#999")
        .contains("\\u{1B}[2J")
        .contains("\\u{0}")
        .contains("\\u{202E}");
    assertSafe(r.getCode().getRejection(), AuditRecords.MAX_REJECTION);
  }

  @Test
  void hugeKeyId_isCutToTheBound() throws Exception {
    String qr =
        qr(
            SignedCode.newBuilder()
                .setPayload(ByteString.copyFromUtf8("p"))
                .setKeyId("\u0000".repeat(2500))
                .setSignature(ByteString.copyFromUtf8("s"))
                .build());

    AuditRecord r = scan("checkpoint-1", qr);

    assertThat(r.getOutcome()).isEqualTo(Outcome.OUTCOME_REJECT);
    assertThat(r.getCode().getRejection()).endsWith("…");
    assertSafe(r.getCode().getRejection(), AuditRecords.MAX_REJECTION);
  }

  @Test
  void invalidUtf8InAQrField_isRejectedWithAFixedMessage_andItsBytesAreNotRecorded()
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(bytes);
    out.writeBytes(1, ByteString.copyFromUtf8("p"));
    out.writeBytes(
        2, ByteString.copyFrom(new byte[] {'k', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, 0x1B}));
    out.writeBytes(3, ByteString.copyFromUtf8("s"));
    out.flush();

    AuditRecord r =
        scan("checkpoint-1", HealthCodeText.PREFIX + Base45.encode(bytes.toByteArray()));

    assertThat(r.getOutcome()).isEqualTo(Outcome.OUTCOME_REJECT);
    assertThat(r.getCode().getRejection())
        .isEqualTo("MALFORMED: qr_text: not a SignedCode protobuf");
    assertThat(r.toByteString().toString(StandardCharsets.ISO_8859_1))
        .doesNotContain("\u00C3(\u00FF");
  }

  @Test
  void controlCharactersAfterThePrefix_areRefusedAtTheEdge_andNothingIsRecorded() {
    assertThatThrownBy(() -> scan("checkpoint-1", "HCF1:\u001B[31m\n\u0000"))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("scan.qr_text: control character U+001B at position 5");
    assertThat(log.records()).isEmpty();
    assertThat(status.calls()).isEmpty();
  }

  @Test
  void printableGarbageAfterThePrefix_isARejectWithABoundedPrintableReason() throws Exception {
    AuditRecord r = scan("checkpoint-1", "HCF1:\u202E\u00FF" + "\\".repeat(3000));

    assertThat(r.getOutcome()).isEqualTo(Outcome.OUTCOME_REJECT);
    assertSafe(r.getCode().getRejection(), AuditRecords.MAX_REJECTION);
  }

  @Test
  void qrTextOf100KB_isRefusedNamingTheField_andNothingIsRecorded() {
    String huge = "HCF1:" + "A".repeat(100 * 1024);

    assertThatThrownBy(
            () ->
                ScanRequest.of(
                    "scan.",
                    "checkpoint-1",
                    CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
                    huge,
                    OptionalDouble.empty()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("scan.qr_text");
    assertThat(log.records()).isEmpty();
    assertThat(status.calls()).isEmpty();
  }

  @Test
  void hostileCheckpointName_isEscapedAndBounded() throws Exception {
    AuditRecord r = scan("checkpoint" + ATTACK + "x".repeat(100 * 1024), "HCF1:AAAA");

    assertThat(r.getCheckpointId()).startsWith("checkpoint\\u{A}#999");
    assertSafe(r.getCheckpointId(), AuditRecords.MAX_CHECKPOINT_ID);
  }

  @Test
  void manualNoteWithControlCharacters_isRefusedNamingTheField_andNothingIsRecorded() {
    for (String note : List.of("paper pass\nFORGED", "ok\u001B[2J", "nul\u0000", "bidi\u202Etxt")) {
      assertThatThrownBy(
              () ->
                  ManualRequest.of(
                      "checkpoint-1",
                      ManualMethod.MANUAL_METHOD_PAPER_PASS,
                      CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
                      "",
                      OptionalDouble.empty(),
                      Outcome.OUTCOME_PASS,
                      List.of(),
                      note))
          .isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("note")
          .hasMessageContaining("non-printable character U+");
    }
    assertThatThrownBy(
            () ->
                ManualRequest.of(
                    "checkpoint-1",
                    ManualMethod.MANUAL_METHOD_PAPER_PASS,
                    CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
                    "",
                    OptionalDouble.empty(),
                    Outcome.OUTCOME_PASS,
                    List.of(),
                    "x".repeat(100 * 1024)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("note");
    assertThat(log.records()).isEmpty();
  }

  @Test
  void manualNote_isSealedNotClear() throws Exception {
    recognizer.recordManual(
        ManualRequest.of(
            "checkpoint-1",
            ManualMethod.MANUAL_METHOD_ID_CARD_CHECK,
            CheckpointType.CHECKPOINT_TYPE_TRAFFIC,
            "",
            OptionalDouble.empty(),
            Outcome.OUTCOME_PASS,
            List.of(),
            "王小明 checked against his ID card"));

    AuditRecord r = log.last();
    assertThat(r.getNote()).isEmpty();
    assertThat(r.toByteString().toStringUtf8()).doesNotContain("王小明");
    assertThat(TestSealKeys.OPENER.open(r).getNote()).isEqualTo("王小明 checked against his ID card");
  }
}
