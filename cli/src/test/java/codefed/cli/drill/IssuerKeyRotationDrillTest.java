package codefed.cli.drill;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.code.HealthCodeText;
import codefed.gateway.audit.ArchivedTrustKeys;
import codefed.gateway.audit.LogVerifier;
import codefed.gateway.audit.PkiVerificationKeys;
import codefed.gateway.audit.TrustListArchive;
import codefed.gateway.audit.VerificationReport;
import codefed.gateway.config.GatewayOptions;
import codefed.gateway.metrics.GatewayMetrics;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.server.GatewayServer;
import codefed.node.ProvinceNode;
import codefed.node.issuance.IssueOptions;
import codefed.pki.IssuerKeyLifecycle;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.Scan;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issuer key rotation and revocation on a running federation: a real Shanxi node and a real Inner
 * Mongolia gateway over mTLS on loopback, issuer keys from the drill's PKI, a checkpoint scanning
 * continuously while the authority rotates the key, nothing restarted.
 */
class IssuerKeyRotationDrillTest {
  private static final String SHANXI = "140000";
  private static final String JURISDICTION = "150000";
  private static final int SCANNERS = 32;
  private static final long SEED = 20_201_119L;

  @TempDir Path dir;
  private Drill drill;
  private GatewayServer gateway;
  private ManagedChannel checkpoint;
  private RecognitionServiceGrpc.RecognitionServiceBlockingStub stub;
  private Instant start;

  /**
   * A drill federation whose gateway re-reads the trust list file every {@code trustListPoll}; a
   * key it lacks makes it look at once.
   */
  private void startFederation(Duration trustListPoll) throws Exception {
    start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    drill =
        Drill.start(
            dir, Set.of(SHANXI), Set.of(JURISDICTION), start, start.minus(Duration.ofDays(1)), 0);
    gateway =
        GatewayServer.builder(
                GatewayOptions.builder(JURISDICTION)
                    .identity(JURISDICTION)
                    .pkiDir(drill.pki().root())
                    .port(0)
                    .auditDir(auditDir())
                    .hmacKeyFile(drill.hmacKeyFile(JURISDICTION))
                    .peers(drill.peers())
                    .nodeDeadline(Duration.ofSeconds(5))
                    .checkpointRate(100_000, Duration.ofSeconds(1))
                    .trustListPoll(trustListPoll)
                    .build())
            .clock(drill.clock())
            .policies(PolicyBook::shipped)
            .metrics(new GatewayMetrics())
            .build();
    gateway.start();
    checkpoint =
        Grpc.newChannelBuilderForAddress(
                "localhost",
                gateway.port(),
                MtlsCredentials.client(drill.pki(), Role.CHECKPOINT, Drill.CHECKPOINT))
            .build();
    stub = RecognitionServiceGrpc.newBlockingStub(checkpoint);
  }

  @AfterEach
  void stopFederation() throws Exception {
    stopGateway();
    if (drill != null) {
      drill.close();
    }
  }

  @Test
  void rotationUnderContinuousScanning_noScanFails_oldCodesPassUntilTheyExpire_logStillVerifies()
      throws Exception {
    // The gateway's own poll is too slow to matter here: it must take the new list when it
    // first meets the new key.
    startFederation(Duration.ofHours(1));
    ProvinceNode node = drill.node(SHANXI);
    String oldKey = node.signingKeyId();
    List<String> codes = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 50; i++) {
      codes.add(node.issue(IssueOptions.builder().build()).qrText());
    }
    List<String> preRotation = List.copyOf(codes);

    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong scans = new AtomicLong();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    ExecutorService pool = Executors.newFixedThreadPool(SCANNERS + 1);
    List<Future<?>> tasks = new ArrayList<>();
    for (int t = 0; t < SCANNERS; t++) {
      SplittableRandom random = new SplittableRandom(SEED + t);
      tasks.add(
          pool.submit(
              () -> {
                while (running.get()) {
                  String qr = codes.get(random.nextInt(codes.size()));
                  try {
                    Decision d = scan(qr);
                    if (d.getOutcome() != Outcome.OUTCOME_PASS) {
                      failures.add(d.getOutcome() + ": " + d.getExplanation());
                    }
                  } catch (RuntimeException e) {
                    failures.add(e.toString());
                  }
                  scans.incrementAndGet();
                }
              }));
    }
    tasks.add(
        pool.submit(
            () -> { // the province keeps issuing codes throughout
              while (running.get()) {
                codes.add(node.issue(IssueOptions.builder().build()).qrText());
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
              }
              return null;
            }));

    long began = System.nanoTime();
    awaitScans(scans, 300);
    IssuerKeyLifecycle.Rotation rotation =
        new IssuerKeyLifecycle(drill.clock())
            .rotate(
                drill.pki().root(),
                SHANXI,
                Optional.empty(),
                IssuerKeyLifecycle.DEFAULT_SWITCH_OVER);
    drill.distribute();
    long rotatedAtScan = scans.get();
    await(() -> node.signingKeyId().equals(rotation.newKeyId()), "node switches to the new key");
    int firstNewCode = codes.size();
    await(() -> codes.size() > firstNewCode + 20, "codes issued with the new key");
    awaitScans(scans, scans.get() + 300);
    running.set(false);
    for (Future<?> task : tasks) {
      task.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    double seconds = (System.nanoTime() - began) / 1e9;

    assertThat(failures).as("scans that failed or were wrongly rejected").isEmpty();
    assertThat(scans.get() - rotatedAtScan)
        .as("scans after the rotation")
        .isGreaterThanOrEqualTo(300);
    System.out.printf(
        "rotation drill: %d scans in %.1f s (%.0f/s), 0 failed%n",
        scans.get(), seconds, scans.get() / seconds);

    String newCode = codes.get(codes.size() - 1);
    assertThat(HealthCodeText.decode(newCode).getKeyId()).isEqualTo(rotation.newKeyId());
    assertThat(scan(newCode).getOutcome()).isEqualTo(Outcome.OUTCOME_PASS);
    String oldCode = preRotation.get(0);
    assertThat(HealthCodeText.decode(oldCode).getKeyId()).isEqualTo(oldKey);
    assertThat(scan(oldCode).getOutcome())
        .as("an old code after the rotation")
        .isEqualTo(Outcome.OUTCOME_PASS);

    drill.clock().advance(Duration.ofDays(14).plusHours(1));
    Decision expired = scan(oldCode);
    assertThat(expired.getOutcome())
        .as(expired.getExplanation())
        .isEqualTo(Outcome.OUTCOME_EXPIRED);

    // The log written across the rotation verifies with the archived versions...
    stopGateway();
    PkiVerificationKeys pkiKeys = PkiVerificationKeys.load(drill.pki());
    VerificationReport report =
        LogVerifier.verify(auditDir(), ArchivedTrustKeys.forLog(auditDir(), pkiKeys));
    assertThat(report.ok()).as(report.summary()).isTrue();
    assertThat(report.records()).isGreaterThan(scans.get());
    try (var archived = Files.list(auditDir().resolve(TrustListArchive.DIR_NAME))) {
      assertThat(archived.count()).isGreaterThanOrEqualTo(2);
    }
    // ...still after the old key is revoked with a compromise later than every record...
    new IssuerKeyLifecycle(drill.clock())
        .revoke(drill.pki().root(), oldKey, start.plus(Duration.ofMinutes(5)));
    drill.distribute();
    assertThat(verifyLog().ok()).isTrue();
    // ...and still when the authority's current list no longer names the old key at all,
    // which a check against the current list alone cannot do.
    drill.clock().advance(Duration.ofDays(30));
    new IssuerKeyLifecycle(drill.clock())
        .rotate(drill.pki().root(), SHANXI, Optional.empty(), Duration.ZERO);
    drill.distribute();
    assertThat(drill.pki().trustList().key(SHANXI, oldKey)).isEmpty();
    assertThat(verifyLog().ok()).isTrue();
    PkiVerificationKeys current = PkiVerificationKeys.load(drill.pki());
    VerificationReport currentOnly =
        LogVerifier.verify(
            auditDir(),
            current,
            codefed.gateway.audit.seal.EvidenceCheck.of(
                current,
                java.util.Optional.of(
                    codefed.gateway.audit.seal.EvidenceOpener.load(
                        drill.pki().auditorSealKeyPath()))));
    assertThat(currentOnly.ok()).isFalse();
    assertThat(currentOnly.summary()).contains(oldKey);
  }

  @Test
  void
      compromisedKey_codesSignedAfterTheCompromiseReject_earlierOnesPass_andTheAuditCatchesRelianceOnIt()
          throws Exception {
    startFederation(Duration.ofMillis(200)); // a revocation names no new key: the poll brings it
    ProvinceNode node = drill.node(SHANXI);
    String leaked = node.signingKeyId();
    String early = node.issue(IssueOptions.builder().build()).qrText();
    assertThat(scan(early).getOutcome()).isEqualTo(Outcome.OUTCOME_PASS);
    drill.clock().advance(Duration.ofMinutes(10));
    String late =
        node.issue(IssueOptions.builder().build()).qrText(); // e.g. forged with the leaked key
    Decision beforeRevocation = scan(late);
    assertThat(beforeRevocation.getOutcome())
        .as("before anyone knows")
        .isEqualTo(Outcome.OUTCOME_PASS);

    IssuerKeyLifecycle lifecycle = new IssuerKeyLifecycle(drill.clock());
    IssuerKeyLifecycle.Rotation rotation =
        lifecycle.rotate(
            drill.pki().root(), SHANXI, Optional.empty(), IssuerKeyLifecycle.DEFAULT_SWITCH_OVER);
    drill.distribute();
    assertThat(node.checkIssuerKey()).isTrue();
    // Retirement alone (retired_at after the switch-over) still admits the late code:
    // only the revocation may reject it.
    lifecycle.revoke(drill.pki().root(), leaked, start.plus(Duration.ofMinutes(5)));
    drill.distribute();

    await(
        () -> scan(late).getOutcome() == Outcome.OUTCOME_REJECT, "gateway applies the revocation");
    Decision rejected = scan(late);
    assertThat(rejected.getExplanation()).contains("KEY_COMPROMISED").contains(leaked);
    assertThat(scan(early).getOutcome())
        .as("signed before the compromise")
        .isEqualTo(Outcome.OUTCOME_PASS);
    String fresh = node.issue(IssueOptions.builder().build()).qrText();
    assertThat(HealthCodeText.decode(fresh).getKeyId()).isEqualTo(rotation.newKeyId());
    assertThat(scan(fresh).getOutcome()).isEqualTo(Outcome.OUTCOME_PASS);
    assertThat(rejected.getAuditSequence())
        .as("the rejection is recorded")
        .isGreaterThan(beforeRevocation.getAuditSequence());

    // The gateway relied on the leaked key's answer about the late code before the revocation
    // was known; the auditor must see that, naming the key.
    stopGateway();
    VerificationReport report = verifyLog();
    assertThat(report.ok()).isFalse();
    assertThat(report.summary()).contains("KEY_COMPROMISED").contains(leaked);
  }

  /** The auditor's verification: node answers opened from the sealed evidence and re-checked. */
  private VerificationReport verifyLog() throws Exception {
    ArchivedTrustKeys keys =
        ArchivedTrustKeys.forLog(auditDir(), PkiVerificationKeys.load(drill.pki()));
    return LogVerifier.verify(
        auditDir(),
        keys,
        codefed.gateway.audit.seal.EvidenceCheck.of(
            keys,
            java.util.Optional.of(
                codefed.gateway.audit.seal.EvidenceOpener.load(drill.pki().auditorSealKeyPath()))));
  }

  private Decision scan(String qr) {
    return stub.withDeadlineAfter(10, TimeUnit.SECONDS)
        .recognize(
            RecognizeRequest.newBuilder()
                .setScan(
                    Scan.newBuilder()
                        .setQrText(qr)
                        .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC))
                .build())
        .getDecision();
  }

  private Path auditDir() {
    return dir.resolve("audit").resolve(JURISDICTION);
  }

  private void stopGateway() throws InterruptedException {
    if (checkpoint != null) {
      checkpoint.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      checkpoint = null;
    }
    if (gateway != null) {
      gateway.close();
      gateway = null;
    }
  }

  private static void awaitScans(AtomicLong scans, long atLeast) {
    await(() -> scans.get() >= atLeast, atLeast + " scans");
  }

  /** Bounded polling for an asynchronous event (30 s, generous for a loaded CI machine). */
  private static void await(java.util.function.BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }
}
