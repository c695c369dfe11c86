package codefed.cli.demo;

import codefed.cli.drill.Drill;
import codefed.gateway.audit.ArchivedTrustKeys;
import codefed.gateway.audit.LogReader;
import codefed.gateway.audit.LogVerifier;
import codefed.gateway.audit.PkiVerificationKeys;
import codefed.gateway.audit.VerificationReport;
import codefed.gateway.audit.seal.EvidenceCheck;
import codefed.gateway.client.GatewayAddresses;
import codefed.gateway.client.GatewayClient;
import codefed.pki.GatewayFleet;
import codefed.pki.PkiBundles;
import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.pki.Role;
import codefed.tls.ServerPin;
import healthcode.federation.v1.AuditRecord;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code codefed demo --gateways N}: a fleet of N gateways of Inner Mongolia, each a separate
 * JVM with its own identity ({@code gateway/150000-a}, ...), audit shard and audit-signing key;
 * three checkpoints spread scans over them by round robin; one gateway is killed with SIGKILL
 * mid-run and restarted; then every answered scan is looked up in its shard and every shard is
 * verified. The exit code is 1 if an acknowledged decision is missing or a shard fails.
 */
public final class FleetDemo {
  static final String JURISDICTION = "150000";
  static final List<String> CHECKPOINTS = List.of("checkpoint-1", "checkpoint-2", "checkpoint-3");
  private static final String AUDITOR = "auditor-1";

  private FleetDemo() {}

  public static int run(Path dir, int gateways, int scansPerCheckpoint, int population, PrintStream out) throws Exception {
    Instant now = Instant.now();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < gateways; i++) {
      names.add(GatewayFleet.memberName(JURISDICTION, String.valueOf((char) ('a' + i))));
    }
    out.println("codefed demo: a fleet of " + gateways + " gateways of " + JURISDICTION
        + " (separate JVMs), three checkpoints, one gateway killed with SIGKILL mid-run");
    FleetScans scans = new FleetScans();
    Path audit = dir.resolve("audit");
    try (Drill drill = Drill.start(dir, Set.of("140000", JURISDICTION), Set.of(JURISDICTION), now,
        now.minus(Duration.ofDays(60)), population)) {
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      ticker.scheduleAtFixedRate(() -> drill.clock().set(Instant.now()), 0, 100, TimeUnit.MILLISECONDS);
      List<GatewayProcess> fleet = new ArrayList<>();
      try {
        FleetConfigs configs = new FleetConfigs(drill, audit);
        for (String name : names) {
          fleet.add(configs.gateway(name));
        }
        for (String c : CHECKPOINTS) {
          if (!drill.pki().hasIdentity(Role.CHECKPOINT, c)) {
            new PkiInitializer(Clock.systemUTC()).issue(drill.pki().root(), Role.CHECKPOINT, c, List.of(), false);
          }
        }
        for (GatewayProcess g : fleet) {
          g.start();
        }
        for (GatewayProcess g : fleet) {
          g.awaitListening();
        }
        out.println("  gateways: " + String.join(", ", configs.addresses()) + " (" + String.join(", ", names) + ")");
        scan(drill, configs.addresses(), scans, fleet.get(fleet.size() > 1 ? 1 : 0), scansPerCheckpoint, out);
      } finally {
        for (GatewayProcess g : fleet) {
          g.stop();
        }
        ticker.shutdownNow();
      }
      drill.bundle(Role.AUDITOR, AUDITOR);
    }
    return reconcile(dir, audit, names, scans, out);
  }

  /** Three checkpoints scan; after a third of the answers a gateway is killed, after two thirds restarted. */
  private static void scan(Drill drill, List<String> addresses, FleetScans scans, GatewayProcess victim,
      int perCheckpoint, PrintStream out) throws Exception {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < CHECKPOINTS.size() * perCheckpoint; i++) {
      codes.add(FleetCodes.issue(drill, i % 2 == 0 ? "140000" : JURISDICTION, i));
    }
    List<GatewayClient> clients = new ArrayList<>();
    ExecutorService checkpoints = Executors.newFixedThreadPool(CHECKPOINTS.size());
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int c = 0; c < CHECKPOINTS.size(); c++) {
        PkiDirectory bundle = PkiBundles.write(drill.pki().root(), Role.CHECKPOINT, CHECKPOINTS.get(c),
            drill.dir().resolve("bundles/checkpoint").resolve(CHECKPOINTS.get(c)), Optional.of(JURISDICTION));
        GatewayClient client = GatewayClient.connect(new GatewayAddresses(addresses), bundle, CHECKPOINTS.get(c),
            ServerPin.gatewayFleet(bundle.trustDomain(), JURISDICTION));
        clients.add(client);
        List<String> mine = codes.subList(c * perCheckpoint, (c + 1) * perCheckpoint);
        runs.add(checkpoints.submit(() -> scans.run(client, mine)));
      }
      int total = codes.size();
      awaitAnswers(scans, total / 3, runs);
      victim.kill();
      out.printf("  killed gateway %s (SIGKILL) after %d answers; scanning on%n", victim.name(), scans.answered.get());
      awaitAnswers(scans, 2 * total / 3, runs);
      victim.start();
      victim.awaitListening();
      clients.forEach(c -> c.channel().resetConnectBackoff());
      out.printf("  restarted gateway %s after %d answers%n", victim.name(), scans.answered.get());
      for (Future<?> f : runs) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      checkpoints.shutdownNow();
      clients.forEach(GatewayClient::close);
    }
  }

  private static void awaitAnswers(FleetScans scans, int answers, List<Future<?>> runs) throws InterruptedException {
    while (scans.answered.get() < answers && !runs.stream().allMatch(Future::isDone)) {
      Thread.sleep(5);
    }
  }

  /** Every answered scan must be in its gateway's shard; every shard must verify. */
  private static int reconcile(Path dir, Path audit, List<String> names, FleetScans scans, PrintStream out) throws Exception {
    PkiDirectory auditor = PkiDirectory.open(dir.resolve("bundles/auditor").resolve(AUDITOR));
    PkiVerificationKeys keys = PkiVerificationKeys.load(auditor);
    long recorded = 0;
    long lost = 0;
    int verified = 0;
    out.println();
    for (String name : names) {
      Path shard = audit.resolve(name);
      Set<Long> sequences = new HashSet<>();
      for (AuditRecord r : LogReader.readAll(shard)) {
        sequences.add(r.getSequence());
      }
      recorded += sequences.size();
      Set<Long> acknowledged = scans.receipts.getOrDefault(name, Set.of());
      long missing = acknowledged.stream().filter(s -> !sequences.contains(s)).count();
      lost += missing;
      ArchivedTrustKeys archived = ArchivedTrustKeys.forLog(shard, keys);
      VerificationReport report = LogVerifier.verify(shard, archived, EvidenceCheck.of(archived, Optional.empty()));
      verified += report.ok() ? 1 : 0;
      out.printf("  shard %s: %d decisions recorded, %d answered scans, %d missing; verify: %s%n",
          name, sequences.size(), acknowledged.size(), missing, report.summary());
    }
    lost += scans.unanswered.get();
    out.printf("Fleet: %d scans sent (%d answered, %d failed in flight and scanned again), "
            + "%d decisions recorded across %d shards, %d scans lost, %d/%d shards verified%n",
        scans.sent.get(), scans.answered.get(), scans.failedInFlight.get(), recorded, names.size(), lost,
        verified, names.size());
    out.println("  ./codefed audit verify --log " + audit + " --pki " + dir.resolve("bundles/auditor").resolve(AUDITOR));
    return lost == 0 && verified == names.size() ? 0 : 1;
  }
}
