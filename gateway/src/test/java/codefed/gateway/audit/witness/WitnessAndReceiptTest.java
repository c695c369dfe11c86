package codefed.gateway.audit.witness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.gateway.audit.LogFiles;
import codefed.gateway.audit.receipt.ReceiptFiles;
import codefed.gateway.audit.receipt.ReceiptProof;
import codefed.gateway.audit.signing.AuditCertificates;
import codefed.gateway.cli.AuditCommand;
import codefed.gateway.cli.ScanCommand;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Receipt;
import healthcode.federation.v1.SignedReceipt;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The witness refusing what it must refuse, and receipts proved (or not) against a real log: 14
 * records witnessed, then 6 more witnessed at 20, each answer carrying a signed receipt.
 */
class WitnessAndReceiptTest {
  @TempDir static Path root;
  static WitnessedGateway fixture;
  static Path older;
  static Path full;
  static List<Decision> answers;
  static Path receiptFile;

  @BeforeAll
  static void writeHistory() throws Exception {
    fixture = new WitnessedGateway(root);
    Path audit = root.resolve("audit");
    fixture.start(audit, true);
    fixture.scan(14, 35.0);
    fixture.checkpoint();
    fixture.witness();
    fixture.stop();
    older = LogFiles.snapshot(audit, root.resolve("older"));
    fixture.start(audit, true);
    answers = fixture.scan(5, 35.5);
    receiptFile = root.resolve("receipt.txtpb");
    StringWriter out = new StringWriter();
    int exit =
        new CommandLine(new ScanCommand())
            .setOut(new PrintWriter(out))
            .setErr(new PrintWriter(out))
            .execute(
                "--gateway",
                "localhost:" + fixture.port(),
                "--pki",
                fixture.pki.root().toString(),
                "--as",
                "checkpoint-1",
                "--gateway-name",
                "150000",
                "--receipt-out",
                receiptFile.toString(),
                answersQr());
    assertThat(exit).as(out.toString()).isZero();
    fixture.checkpoint();
    assertThat(fixture.witness().treeSize()).isEqualTo(20);
    fixture.stop();
    full = LogFiles.snapshot(audit, root.resolve("full"));
  }

  static String answersQr() throws Exception {
    return fixture.qr();
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  static Path copy(Path from, String name) throws Exception {
    return LogFiles.snapshot(from, root.resolve(name));
  }

  static Witness witnessOn(Path stateCopy) throws Exception {
    return new Witness(
        "spiffe://test/auditor/auditor-1",
        codefed.gateway.audit.signing.AuditKey.loadWitness(fixture.witnessKeyDir, "auditor-1"),
        new AuditCertificates(fixture.pki),
        new WitnessStore(stateCopy),
        fixture.clock);
  }

  static Path witnessStateCopy(String name) throws Exception {
    return LogFiles.snapshot(fixture.witnessDir, root.resolve(name));
  }

  // --- witness ---

  @Test
  void witness_keepsHistoryAndCosignsWithItsCertifiedKey() throws Exception {
    WitnessStore store = new WitnessStore(fixture.witnessDir);

    List<healthcode.witness.v1.WitnessedCheckpoint> history = store.history("150000");
    healthcode.witness.v1.WitnessedCheckpoint latest = store.latest("150000").orElseThrow();

    assertThat(history).hasSize(2);
    assertThat(history.get(1)).isEqualTo(latest);
    codefed.signing.SignatureVerifier.of(
            codefed.gateway.audit.CheckpointSignatures.ALGORITHM,
            new AuditCertificates(fixture.pki).witnessKey(latest.getCosignature().getCertificate()))
        .verify(
            codefed.signing.SigningDomain.COSIGNATURE,
            latest.getCheckpoint().getCheckpoint().toByteArray(),
            latest.getCosignature().getSignature().toByteArray());
  }

  @Test
  void witness_shrinkingCheckpoint_refusedAndOldOneKept() throws Exception {
    Path state = witnessStateCopy("state-shrink");
    byte[] before = Files.readAllBytes(state.resolve("150000.checkpoint"));
    Path log = copy(older, "shrink"); // 14 records, checkpoint at 14: a rolled-back gateway
    fixture.start(log, false);
    try (GatewayCheckpointSource source =
        new GatewayCheckpointSource("localhost:" + fixture.port(), fixture.pki, "auditor-1")) {
      Witness w = witnessOn(state);

      Witness.Observation o = w.observe(source);

      assertThat(o.result()).isEqualTo(Witness.Result.REFUSED);
      assertThat(o.message())
          .contains(
              "checkpoint shrinks the log: tree size 14 after tree size 20 was cosigned (rollback)");
      assertThat(w.refusedCount()).isEqualTo(1);
      assertThat(w.metricsText()).contains("codefed_witness_checkpoints_refused_total 1");
    } finally {
      fixture.stop();
    }
    assertThat(Files.readAllBytes(state.resolve("150000.checkpoint")))
        .as("old checkpoint kept")
        .isEqualTo(before);
    assertThat(new WitnessStore(state).history("150000")).hasSize(2);
    assertThat(Files.readString(state.resolve("refusals.log")))
        .contains("REFUSED gateway 150000: checkpoint shrinks");
  }

  @Test
  void witness_forkedCheckpoint_refusedAsInconsistentAndOldOneKept() throws Exception {
    Path state = witnessStateCopy("state-fork");
    byte[] before = Files.readAllBytes(state.resolve("150000.checkpoint"));
    Path log = copy(older, "fork");
    fixture.start(log, false);
    try (GatewayCheckpointSource source =
        new GatewayCheckpointSource("localhost:" + fixture.port(), fixture.pki, "auditor-1")) {
      fixture.scan(10, 36.5);
      fixture.checkpoint();
      Witness w = witnessOn(state);

      Witness.Observation o = w.observe(source);

      assertThat(o.result()).isEqualTo(Witness.Result.REFUSED);
      assertThat(o.message())
          .contains("checkpoint of tree size 24 is not consistent with the cosigned tree size 20");
    } finally {
      fixture.stop();
    }
    assertThat(Files.readAllBytes(state.resolve("150000.checkpoint"))).isEqualTo(before);
    assertThat(new WitnessStore(state).history("150000")).hasSize(2);
  }

  @Test
  void witnessCommand_once_exitsNonZeroOnRefusal() throws Exception {
    Path state = witnessStateCopy("state-cli");
    Path log = copy(older, "cli");
    fixture.start(log, false);
    StringWriter out = new StringWriter();
    int exit;
    try {
      exit =
          new CommandLine(new codefed.gateway.cli.WitnessCommand())
              .setOut(new PrintWriter(out))
              .execute(
                  "--state",
                  state.toString(),
                  "--gateway",
                  "localhost:" + fixture.port(),
                  "--pki",
                  fixture.pki.root().toString(),
                  "--key-dir",
                  fixture.witnessKeyDir.toString(),
                  "--once");
    } finally {
      fixture.stop();
    }
    assertThat(exit).as(out.toString()).isEqualTo(1);
    assertThat(out.toString()).contains("refused gateway 150000: checkpoint shrinks the log");
    assertThat(Files.readString(state.resolve("witness.prom")))
        .contains("codefed_witness_checkpoints_refused_total 1");
  }

  // --- receipts ---

  @Test
  void everyAnswer_carriesASignedReceiptOfItsSequence() throws Exception {
    for (int i = 0; i < answers.size(); i++) {
      Receipt r = Receipt.parseFrom(answers.get(i).getReceipt().getReceipt());
      assertThat(r.getSequence()).isEqualTo(14 + i).isEqualTo(answers.get(i).getAuditSequence());
      assertThat(r.getGateway()).isEqualTo("150000");
      assertThat(r.getLeafHash().size()).isEqualTo(32);
    }
  }

  static String prove(SignedReceipt receipt, Path log) throws Exception {
    return ReceiptProof.prove(
        receipt, log, new AuditCertificates(fixture.pki), List.of(fixture.witnessDir));
  }

  @Test
  void receipt_provesInclusionInTheWitnessedCheckpoint() throws Exception {
    assertThat(prove(answers.get(2).getReceipt(), full))
        .startsWith("OK: receipt of record 16 (gateway 150000, ")
        .endsWith(
            "is included in checkpoint cosigned by spiffe://test.codefed/auditor/auditor-1 (tree size 20)");
  }

  @Test
  void proveCommand_savedReceipt_isProvedWithAndWithoutWitness() {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new AuditCommand()).setOut(new PrintWriter(out));
    int withWitness =
        cmd.execute(
            "prove",
            "--receipt",
            receiptFile.toString(),
            "--log",
            full.toString(),
            "--pki",
            fixture.pki.root().toString(),
            "--witness",
            fixture.witnessDir.toString());
    int alone =
        cmd.execute(
            "prove",
            "--receipt",
            receiptFile.toString(),
            "--log",
            full.toString(),
            "--pki",
            fixture.pki.root().toString());

    assertThat(withWitness).as(out.toString()).isZero();
    assertThat(alone).as(out.toString()).isZero();
    assertThat(out.toString())
        .contains("OK: receipt of record 19 ")
        .contains("included in the log's latest checkpoint (tree size 20)");
  }

  @Test
  void alteredReceipt_failsTheProof() throws Exception {
    SignedReceipt genuine = answers.get(2).getReceipt();
    Receipt r = Receipt.parseFrom(genuine.getReceipt());
    SignedReceipt altered =
        genuine.toBuilder().setReceipt(r.toBuilder().setSequence(3).build().toByteString()).build();

    assertThatThrownBy(() -> prove(altered, full))
        .isInstanceOf(ReceiptProof.ProofFailure.class)
        .hasMessageStartingWith(
            "receipt signature invalid (receipt altered, or not signed by gateway 150000's audit key)");
  }

  @Test
  void removedRecord_failsTheProof() throws Exception {
    Path log = copy(full, "removed");
    Path segment = LogFiles.lastSegment(log);
    LogFiles.truncate(segment, LogFiles.frameOffsets(segment).get(16));

    assertThatThrownBy(() -> prove(answers.get(2).getReceipt(), log))
        .isInstanceOf(ReceiptProof.ProofFailure.class)
        .hasMessage("record 16 is missing from the log (it holds 16 records)");
    assertThat(prove(answers.get(1).getReceipt(), full))
        .as("the intact log still proves it")
        .startsWith("OK");
  }

  @Test
  void alteredRecord_failsTheProof() throws Exception {
    Path log = copy(full, "altered");
    Path segment = LogFiles.lastSegment(log);
    List<byte[]> records = LogFiles.records(segment);
    AuditRecord rec = AuditRecord.parseFrom(records.get(16));
    LogFiles.replaceRecord(segment, 16, rec.toBuilder().setNote("changed").build().toByteArray());

    assertThatThrownBy(() -> prove(answers.get(2).getReceipt(), log))
        .isInstanceOf(ReceiptProof.ProofFailure.class)
        .hasMessage("record 16 in the log does not match the receipt's leaf hash (record altered)");
  }

  @Test
  void anotherRecordAltered_inclusionProofFails() throws Exception {
    Path log = copy(full, "other");
    Path segment = LogFiles.lastSegment(log);
    List<byte[]> records = LogFiles.records(segment);
    AuditRecord rec = AuditRecord.parseFrom(records.get(3));
    LogFiles.replaceRecord(
        segment, 3, rec.toBuilder().setCheckpointId("elsewhere").build().toByteArray());

    assertThatThrownBy(() -> prove(answers.get(2).getReceipt(), log))
        .isInstanceOf(ReceiptProof.ProofFailure.class)
        .hasMessageContaining("record 16 is not included in checkpoint cosigned by")
        .hasMessageContaining("records altered after the checkpoint");
  }

  @Test
  void receiptFile_roundTrips() throws Exception {
    SignedReceipt read = ReceiptFiles.read(receiptFile);

    assertThat(Receipt.parseFrom(read.getReceipt()).getSequence()).isEqualTo(19);
    assertThat(read.getSignature()).isNotEqualTo(ByteString.EMPTY);
  }

  @Test
  void streamItemsAndManualVerifications_carryProvableReceipts() throws Exception {
    Path log = copy(full, "stream");
    List<SignedReceipt> receipts = new java.util.ArrayList<>();
    fixture.start(log, true);
    io.grpc.ManagedChannel ch = fixture.checkpointChannel();
    try {
      java.util.concurrent.LinkedBlockingQueue<healthcode.federation.v1.RecognizeStreamResponse>
          got = new java.util.concurrent.LinkedBlockingQueue<>();
      java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
      var requests =
          healthcode.federation.v1.RecognitionServiceGrpc.newStub(ch)
              .recognizeStream(
                  new io.grpc.stub.StreamObserver<>() {
                    @Override
                    public void onNext(healthcode.federation.v1.RecognizeStreamResponse r) {
                      got.add(r);
                    }

                    @Override
                    public void onError(Throwable t) {
                      done.countDown();
                    }

                    @Override
                    public void onCompleted() {
                      done.countDown();
                    }
                  });
      for (int i = 0; i < 2; i++) {
        requests.onNext(
            healthcode.federation.v1.RecognizeStreamRequest.newBuilder()
                .setRequestId("r" + i)
                .setScan(
                    healthcode.federation.v1.Scan.newBuilder()
                        .setQrText(fixture.qr())
                        .setCheckpointType(
                            healthcode.federation.v1.CheckpointType.CHECKPOINT_TYPE_TRAFFIC))
                .build());
      }
      requests.onCompleted();
      assertThat(done.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      got.forEach(r -> receipts.add(r.getDecision().getReceipt()));
      receipts.add(
          healthcode.federation.v1.RecognitionServiceGrpc.newBlockingStub(ch)
              .withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
              .recordManualVerification(
                  healthcode.federation.v1.RecordManualVerificationRequest.newBuilder()
                      .setMethod(healthcode.federation.v1.ManualMethod.MANUAL_METHOD_PAPER_PASS)
                      .setCheckpointType(
                          healthcode.federation.v1.CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
                      .setOutcome(healthcode.federation.v1.Outcome.OUTCOME_PASS)
                      .setNote("paper pass")
                      .build())
              .getReceipt());
      fixture.checkpoint();
    } finally {
      ch.shutdownNow();
      fixture.stop();
    }

    assertThat(receipts).hasSize(3);
    List<Long> sequences = new java.util.ArrayList<>();
    for (SignedReceipt r : receipts) {
      sequences.add(Receipt.parseFrom(r.getReceipt()).getSequence());
      assertThat(ReceiptProof.prove(r, log, new AuditCertificates(fixture.pki), List.of()))
          .startsWith("OK: receipt of record ")
          .endsWith("the log's latest checkpoint (tree size 23)");
    }
    assertThat(sequences).containsExactlyInAnyOrder(20L, 21L, 22L);
  }

  @Test
  void editedWitnessState_isNotTrustedByVerifyOrProve() throws Exception {
    Path state = witnessStateCopy("state-edited");
    Path file = state.resolve("150000.checkpoint");
    healthcode.witness.v1.WitnessedCheckpoint w =
        healthcode.witness.v1.WitnessedCheckpoint.parseFrom(Files.readAllBytes(file));
    byte[] sig = w.getCosignature().getSignature().toByteArray();
    sig[sig.length - 1] ^= 1;
    Files.write(
        file,
        w.toBuilder()
            .setCosignature(w.getCosignature().toBuilder().setSignature(ByteString.copyFrom(sig)))
            .build()
            .toByteArray());

    WitnessedLogCheck.Outcome o =
        WitnessedLogCheck.check(full, null, List.of(state), new AuditCertificates(fixture.pki));

    assertThat(o.problem())
        .hasValueSatisfying(
            p ->
                assertThat(p)
                    .startsWith(
                        "witness state " + state + " not trusted: cosignature of spiffe://"));
    assertThatThrownBy(
            () ->
                ReceiptProof.prove(
                    answers.get(0).getReceipt(),
                    full,
                    new AuditCertificates(fixture.pki),
                    List.of(state)))
        .hasMessageContaining("not trusted: cosignature of");
  }
}
