package codefed.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.time.MutableClock;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.SignedCheckpoint;
import healthcode.federation.v1.StatusAssertion;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every kind of tampering an insider could try on the files is caught by the verifier. */
class VerifyTamperTest {
  private static final KeyPair GATEWAY_KEY = TestKeys.p256();
  private static final KeyPair ISSUER_KEY = TestKeys.p256();
  private static final int RECORDS = 30;
  private static final int VICTIM = 13;

  @TempDir Path tmp;
  private Path log;

  private static AuditLogOptions options(KeyPair key) {
    return AuditLogOptions.defaults("150000", TestKeys.signer(key))
        .withClock(new MutableClock(TestRecords.T0))
        .withCheckpointEvery(10, Duration.ofHours(1));
  }

  private static VerificationKeys trusted() {
    return TestIssuers.keys(
        "150000", GATEWAY_KEY.getPublic(), Map.of("140000", ISSUER_KEY.getPublic()));
  }

  /** These records are in the format before sealing: node answers in the clear field 13. */
  static final String LEGACY_NOTE =
      "11 records of the format before sealing hold the node's answer in the clear";

  /** Record i, with a signed node assertion on every third one (and on the victim). */
  static AuditRecord record(int i) {
    AuditRecord r = TestRecords.decision(i);
    if (i % 3 == 0 || i == VICTIM) {
      StatusAssertion a =
          StatusAssertion.newBuilder()
              .setIssuer("140000")
              .setCodeId(ByteString.copyFrom(new byte[16]))
              .setState(CodeState.CODE_STATE_ACTIVE)
              .setColor(Color.COLOR_GREEN)
              .setMaskedName("张*")
              .setAssertedAt(Timestamp.newBuilder().setSeconds(r.getTime().getSeconds()))
              .build();
      r = TestRecords.withClearAssertion(r.toBuilder(), TestIssuers.sign(ISSUER_KEY, a)).build();
    }
    return r;
  }

  static Path writeLog(
      Path dir, KeyPair key, int records, java.util.function.IntFunction<AuditRecord> make)
      throws Exception {
    try (AuditLog l = AuditLog.open(dir, options(key))) {
      for (int i = 0; i < records; i++) {
        l.append(make.apply(i));
      }
    }
    return dir;
  }

  @BeforeEach
  void writeCleanLog() throws Exception {
    log = writeLog(tmp.resolve("log"), GATEWAY_KEY, RECORDS, VerifyTamperTest::record);
  }

  private VerificationReport verify() throws Exception {
    return LogVerifier.verify(log, trusted());
  }

  @Test
  void cleanLog_verifies() throws Exception {
    VerificationReport report = verify();
    assertThat(report.summary()).isEqualTo("OK: 30 records, 3 checkpoints");
    assertThat(report.warnings()).containsExactly(LEGACY_NOTE);
  }

  static Stream<String> recordFields() {
    return AuditRecord.getDescriptor().getFields().stream().map(FieldDescriptor::getName);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordFields")
  void changingAnyFieldOfARecord_evenWithTheCrcFixed_isDetected(String field) throws Exception {
    Path segment = LogFiles.lastSegment(log);
    AuditRecord original = AuditRecord.parseFrom(LogFiles.records(segment).get(VICTIM));
    AuditRecord.Builder b = original.toBuilder();
    change(b, AuditRecord.getDescriptor().findFieldByName(field));
    AuditRecord forged = b.build();
    assertThat(forged).isNotEqualTo(original);
    LogFiles.replaceRecord(segment, VICTIM, forged.toByteArray());

    VerificationReport report = verify();

    assertThat(report.ok()).as(report.summary()).isFalse();
    VerificationReport.Problem p = report.problem().orElseThrow();
    if (p.sequence() == VICTIM) {
      assertThat(p.file()).isEqualTo(segment.getFileName().toString());
    } else {
      assertThat(p.reason()).contains("[10, 20)");
    }
  }

  @Test
  void flippingOneByte_isDetected_andTheRecordNamed() throws Exception {
    Path segment = LogFiles.lastSegment(log);
    int offset = LogFiles.frameOffsets(segment).get(VICTIM);
    LogFiles.flipByte(segment, offset + 20);
    VerificationReport report = verify();
    assertThat(report.summary())
        .isEqualTo(
            "FAIL: record 13 ("
                + segment.getFileName()
                + " at byte "
                + offset
                + ") bad CRC32C followed by valid frames");
  }

  @Test
  void deletingARecord_isDetected() throws Exception {
    Path segment = LogFiles.lastSegment(log);
    List<byte[]> records = new ArrayList<>(LogFiles.records(segment));
    records.remove(VICTIM);
    LogFiles.writeRecords(segment, records);
    VerificationReport report = verify();
    assertThat(report.problem())
        .hasValueSatisfying(
            p -> {
              assertThat(p.sequence()).isEqualTo(VICTIM);
              assertThat(p.reason()).contains("holds sequence 14");
            });
  }

  @Test
  void deletingTheLastRecords_isDetectedByTheCheckpoint() throws Exception {
    Path segment = LogFiles.lastSegment(log);
    List<byte[]> records = new ArrayList<>(LogFiles.records(segment));
    LogFiles.writeRecords(segment, records.subList(0, 25));
    assertThat(verify().problem())
        .hasValueSatisfying(
            p ->
                assertThat(p.reason())
                    .contains("checkpoint 2 covers 30 records but the log holds 25"));
  }

  @Test
  void swappingTwoRecords_isDetected() throws Exception {
    Path segment = LogFiles.lastSegment(log);
    List<byte[]> records = new ArrayList<>(LogFiles.records(segment));
    byte[] a = records.get(VICTIM);
    records.set(VICTIM, records.get(VICTIM + 1));
    records.set(VICTIM + 1, a);
    LogFiles.writeRecords(segment, records);
    assertThat(verify().problem())
        .hasValueSatisfying(
            p -> {
              assertThat(p.sequence()).isEqualTo(VICTIM);
              assertThat(p.reason()).contains("holds sequence 14");
            });
  }

  @Test
  void aForkedCheckpoint_signedByTheGatewayKey_isDetected() throws Exception {
    Path fork =
        writeLog(
            tmp.resolve("fork"),
            GATEWAY_KEY,
            20,
            i ->
                i == 15
                    ? record(i).toBuilder()
                        .setOutcome(healthcode.federation.v1.Outcome.OUTCOME_PASS)
                        .setNote("forked")
                        .build()
                    : record(i));
    SignedCheckpoint forked = checkpoint(fork, 1);
    appendCheckpoint(forked);

    assertThat(verify().problem())
        .hasValueSatisfying(
            p ->
                assertThat(p.reason())
                    .contains("checkpoint 3 (tree size 20) does not match")
                    .contains("fork"));
  }

  @Test
  void aCheckpointSignedByAnotherKey_isDetected() throws Exception {
    Path other = writeLog(tmp.resolve("other"), TestKeys.p256(), RECORDS, VerifyTamperTest::record);
    SignedCheckpoint foreign = checkpoint(other, 2);
    appendCheckpoint(foreign);
    assertThat(verify().summary())
        .startsWith("FAIL: (checkpoints.log) checkpoint 3: signed with key gateway-150000-p256-");
  }

  @Test
  void anAssertionNotSignedByTheIssuer_isDetected() throws Exception {
    KeyPair impostor = TestKeys.p256();
    Path forged =
        writeLog(
            tmp.resolve("forged"),
            GATEWAY_KEY,
            5,
            i ->
                i != 3
                    ? record(i)
                    : TestRecords.withClearAssertion(
                            record(i).toBuilder(),
                            TestIssuers.sign(
                                impostor,
                                StatusAssertion.newBuilder()
                                    .setIssuer("140000")
                                    .setColor(Color.COLOR_GREEN)
                                    .build()))
                        .build());
    VerificationReport report = LogVerifier.verify(forged, trusted());
    assertThat(report.problem())
        .hasValueSatisfying(
            p -> {
              assertThat(p.sequence()).isEqualTo(3);
              assertThat(p.reason()).isEqualTo("node assertion: BAD_SIGNATURE");
            });
  }

  @Test
  void verify_changesNothing_andReportsATornTailAsAWarning() throws Exception {
    Path segment = LogFiles.lastSegment(log);
    Files.write(segment, new byte[] {0, 0, 1, 0, 9}, StandardOpenOption.APPEND);
    long size = Files.size(segment);
    VerificationReport report = verify();
    assertThat(report.summary()).isEqualTo("OK: 30 records, 3 checkpoints");
    assertThat(report.warnings()).hasSize(2).first().asString().contains("torn tail of 5 bytes");
    assertThat(report.warnings()).last().isEqualTo(LEGACY_NOTE);
    assertThat(Files.size(segment)).isEqualTo(size);
  }

  private static SignedCheckpoint checkpoint(Path dir, int index) throws Exception {
    try (AuditLog l = AuditLog.open(dir, options(GATEWAY_KEY))) {
      return l.checkpoints().get(index);
    }
  }

  private void appendCheckpoint(SignedCheckpoint cp) throws Exception {
    byte[] bytes = cp.toByteArray();
    ByteBuffer frame = ByteBuffer.allocate(Frames.HEADER_BYTES + bytes.length);
    Frames.put(frame, bytes, 0, bytes.length);
    Files.write(log.resolve(CheckpointStore.FILE_NAME), frame.array(), StandardOpenOption.APPEND);
  }

  /** Changes one field to a different value (scalars, enums, repeated, nested messages). */
  private static void change(Message.Builder b, FieldDescriptor f) {
    if (f.isRepeated()) {
      b.addRepeatedField(f, differentScalar(f, null));
      return;
    }
    if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
      Message.Builder sub = ((Message) b.getField(f)).toBuilder();
      change(sub, sub.getDescriptorForType().getFields().get(0));
      b.setField(f, sub.build());
      return;
    }
    b.setField(f, differentScalar(f, b.getField(f)));
  }

  private static Object differentScalar(FieldDescriptor f, Object current) {
    switch (f.getJavaType()) {
      case LONG:
        return current == null ? 1L : (Long) current + 1;
      case INT:
        return current == null ? 1 : (Integer) current + 1;
      case DOUBLE:
        return current == null ? 1.0 : (Double) current + 0.1;
      case BOOLEAN:
        return current == null || !(Boolean) current;
      case STRING:
        return current + "x";
      case BYTE_STRING:
        return current == null
            ? ByteString.copyFromUtf8("x")
            : ((ByteString) current).concat(ByteString.copyFromUtf8("x"));
      case ENUM:
        for (EnumValueDescriptor v : f.getEnumType().getValues()) {
          if (v.getNumber() != 0 && !v.equals(current)) {
            return v;
          }
        }
        throw new IllegalStateException(f.getFullName());
      default:
        throw new IllegalStateException(f.getFullName());
    }
  }
}
