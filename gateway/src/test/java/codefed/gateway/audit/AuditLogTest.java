package codefed.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import codefed.merkle.MerkleHasher;
import codefed.merkle.MerkleProofs;
import codefed.time.MutableClock;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Checkpoint;
import healthcode.federation.v1.SignedCheckpoint;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  private static final KeyPair KEY = TestKeys.p256();

  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock(TestRecords.T0);

  private AuditLogOptions options() {
    return AuditLogOptions.defaults("150000", TestKeys.signer(KEY)).withClock(clock);
  }

  @Test
  void append_assignsConsecutiveSequences_andStoresTheExactSerializedRecord() throws Exception {
    try (AuditLog log = AuditLog.open(tmp, options())) {
      for (int i = 0; i < 5; i++) {
        AuditRecord r = TestRecords.decision(i).toBuilder().setSequence(99).build();
        assertThat(log.append(r)).isEqualTo(i);
        byte[] stored = log.read(i);
        assertThat(stored).isEqualTo(r.toBuilder().setSequence(i).build().toByteArray());
        assertThat(log.inclusionProof(i, i + 1)).isNotNull();
        MerkleProofs.verifyInclusion(
            i, i + 1, MerkleHasher.leafHash(stored), log.inclusionProof(i, i + 1), log.root(i + 1));
      }
      assertThat(log.size()).isEqualTo(5);
    }
  }

  @Test
  void append_fillsGatewayAndTimeWhenTheCallerLeftThemEmpty() throws Exception {
    try (AuditLog log = AuditLog.open(tmp, options())) {
      long seq = log.append(AuditRecord.newBuilder().setNote("manual").build());
      AuditRecord stored = AuditRecord.parseFrom(log.read(seq));
      assertThat(stored.getGateway()).isEqualTo("150000");
      assertThat(stored.getTime().getSeconds()).isEqualTo(TestRecords.T0.getEpochSecond());
    }
  }

  @Test
  void concurrentAppenders_eachGetADistinctSequence_andEveryRecordIsInTheTree() throws Exception {
    int threads = 16;
    int perThread = 150;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (AuditLog log = AuditLog.open(tmp, options().withSegmentBytes(64 * 1024))) {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  List<Long> seqs = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    seqs.add(log.append(TestRecords.decision(thread * perThread + i)));
                  }
                  return seqs;
                }));
      }
      Set<Long> all = new HashSet<>();
      for (Future<List<Long>> f : futures) {
        all.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(all).hasSize(threads * perThread);
      assertThat(log.size()).isEqualTo(threads * perThread);
      for (long s = 0; s < log.size(); s++) {
        assertThat(AuditRecord.parseFrom(log.read(s)).getSequence()).isEqualTo(s);
      }
      assertThat(LogFiles.segments(tmp)).hasSizeGreaterThan(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void reopen_keepsEveryRecordAndTheSameRoot_acrossSegments() throws Exception {
    byte[] root;
    try (AuditLog log = AuditLog.open(tmp, options().withSegmentBytes(4096))) {
      for (int i = 0; i < 100; i++) {
        log.append(TestRecords.decision(i));
      }
      root = log.root(100);
    }
    assertThat(LogFiles.segments(tmp)).hasSizeGreaterThan(3);
    try (AuditLog log = AuditLog.open(tmp, options().withSegmentBytes(4096))) {
      assertThat(log.size()).isEqualTo(100);
      assertThat(log.root(100)).isEqualTo(root);
      assertThat(AuditRecord.parseFrom(log.read(77)).getNote()).isEqualTo("record 77");
      assertThat(log.append(TestRecords.decision(100))).isEqualTo(100);
    }
  }

  @Test
  void checkpoints_everyNRecords_afterTheInterval_andAtClose() throws Exception {
    AuditLogOptions opts = options().withCheckpointEvery(10, Duration.ofMinutes(5));
    try (AuditLog log = AuditLog.open(tmp, opts)) {
      for (int i = 0; i < 25; i++) {
        log.append(TestRecords.decision(i));
      }
      assertThat(sizes(log.checkpoints())).containsExactly(10L, 20L);
      clock.advance(Duration.ofMinutes(5));
      log.append(TestRecords.decision(25));
      assertThat(sizes(log.checkpoints())).containsExactly(10L, 20L, 26L);
      log.append(TestRecords.decision(26));
    }
    try (AuditLog log = AuditLog.open(tmp, opts)) {
      List<SignedCheckpoint> all = log.checkpoints();
      assertThat(sizes(all)).containsExactly(10L, 20L, 26L, 27L);
      Checkpoint last = Checkpoints.parse(all.get(3));
      assertThat(last.getGateway()).isEqualTo("150000");
      assertThat(last.getRootHash().toByteArray()).isEqualTo(log.root(27));
      CheckpointSignatures.verify(
          KEY.getPublic(),
          all.get(3).getCheckpoint().toByteArray(),
          all.get(3).getSignature().toByteArray());
      assertThat(all.get(3).getKeyId())
          .isEqualTo(CheckpointSignatures.keyId("150000", KEY.getPublic()));
    }
  }

  @Test
  void checkpoint_onRequest_coversEverythingAcknowledged() throws Exception {
    try (AuditLog log = AuditLog.open(tmp, options())) {
      log.append(TestRecords.decision(0));
      log.append(TestRecords.decision(1));
      SignedCheckpoint cp = log.checkpoint();
      assertThat(Checkpoints.parse(cp).getTreeSize()).isEqualTo(2);
      assertThat(log.latestCheckpoint()).contains(cp);
      assertThat(log.checkpoint()).isEqualTo(cp);
    }
  }

  @Test
  void proofs_betweenCheckpoints_verify() throws Exception {
    try (AuditLog log = AuditLog.open(tmp, options())) {
      for (int i = 0; i < 37; i++) {
        log.append(TestRecords.decision(i));
      }
      MerkleProofs.verifyConsistency(
          13, 37, log.consistencyProof(13, 37), log.root(13), log.root(37));
      assertThatThrownBy(() -> log.consistencyProof(20, 13))
          .isInstanceOf(AuditQueryException.class)
          .satisfies(
              e ->
                  assertThat(((AuditQueryException) e).reason())
                      .isEqualTo(AuditQueryException.Reason.BAD_ARGUMENT));
      assertThatThrownBy(() -> log.inclusionProof(3, 38))
          .satisfies(
              e ->
                  assertThat(((AuditQueryException) e).reason())
                      .isEqualTo(AuditQueryException.Reason.BEYOND_LOG));
      assertThatThrownBy(() -> log.read(37))
          .satisfies(
              e ->
                  assertThat(((AuditQueryException) e).reason())
                      .isEqualTo(AuditQueryException.Reason.BEYOND_LOG));
    }
  }

  @Test
  void append_afterClose_isRefused_andNothingIsWritten() throws Exception {
    AuditLog log = AuditLog.open(tmp, options());
    log.append(TestRecords.decision(0));
    log.close();
    long bytes = Files.size(LogFiles.lastSegment(tmp));
    assertThatThrownBy(() -> log.append(TestRecords.decision(1)))
        .isInstanceOf(AuditUnavailableException.class);
    assertThat(Files.size(LogFiles.lastSegment(tmp))).isEqualTo(bytes);
  }

  @Test
  void appendAsync_completesWithTheSequence_whenTheRecordIsOnDisk() throws Exception {
    try (AuditLog log = AuditLog.open(tmp, options())) {
      log.append(TestRecords.decision(0));
      AuditRecord r = TestRecords.decision(1);

      long seq = log.appendAsync(r).toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertThat(seq).isEqualTo(1);
      assertThat(log.read(1)).isEqualTo(r.toBuilder().setSequence(1).build().toByteArray());
    }
  }

  @Test
  void appendAsync_afterClose_failsWithAuditUnavailable_andNothingIsWritten() throws Exception {
    AuditLog log = AuditLog.open(tmp, options());
    log.append(TestRecords.decision(0));
    log.close();
    long bytes = Files.size(LogFiles.lastSegment(tmp));

    var stage = log.appendAsync(TestRecords.decision(1)).toCompletableFuture();

    assertThatThrownBy(stage::join).hasCauseInstanceOf(AuditUnavailableException.class);
    assertThat(Files.size(LogFiles.lastSegment(tmp))).isEqualTo(bytes);
  }

  @Test
  void open_twice_isRefusedWhileTheFirstIsOpen() throws Exception {
    try (AuditLog log = AuditLog.open(tmp, options())) {
      assertThatThrownBy(() -> AuditLog.open(tmp, options()))
          .hasMessageContaining("open in another process");
      assertThat(log.append(TestRecords.decision(0))).isZero();
    }
  }

  @Test
  void archivePolicy_storesOnceUnderItsHash() throws Exception {
    byte[] hash = MerkleHasher.emptyRoot();
    try (AuditLog log = AuditLog.open(tmp, options())) {
      log.archivePolicy(hash, "jurisdiction: \"150000\"\n");
      log.archivePolicy(hash, "jurisdiction: \"150000\"\n");
    }
    assertThat(PolicyArchive.load(tmp, hash)).contains("jurisdiction: \"150000\"\n");
    try (var files = Files.list(tmp.resolve("policies"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .containsExactly(java.util.HexFormat.of().formatHex(hash) + ".textproto");
    }
  }

  @Test
  void noKeyMaterialIsWrittenIntoTheLogDirectory() throws Exception {
    try (AuditLog log = AuditLog.open(tmp, options())) {
      log.append(TestRecords.decision(0));
    }
    try (var files = Files.walk(tmp)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain(codefed.signing.KeyFiles.PRIVATE_KEY_TYPE);
      }
    }
  }

  private static List<Long> sizes(List<SignedCheckpoint> cps) {
    return cps.stream().map(c -> Checkpoints.parse(c).getTreeSize()).toList();
  }
}
