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
 * {@code codefed demo --gateways N}: a fleet of N gateways of Inner Mongolia, each a separate JVM
 * with its own identity ({@code gateway/150000-a}, ...), audit shard and audit-signing key; three
 * checkpoints spread scans over them by round robin; one gateway is killed with SIGKILL mid-run and
 * restarted; then every answered scan is looked up in its shard and every shard is verified; last
 * the shards are exported to Parquet and counted by outcome with SQL. The exit code is 1 if an
 * acknowledged decision is missing, a shard fails, or the SQL counts differ from the shards'.
 */
public final class FleetDemo {
  static final String JURISDICTION = "150000";
  static final List<String> CHECKPOINTS = List.of("checkpoint-1", "checkpoint-2", "checkpoint-3");
  private static final String AUDITOR = "auditor-1";

  private FleetDemo() {}

  public static int run(
      Path dir, int gateways, int scansPerCheckpoint, int population, PrintStream out)
      throws Exception {
    Instant now = Instant.now();
    List<String> names = new ArrayList<>();
    for (int i = 0; i < gateways; i++) {
      names.add(GatewayFleet.memberName(JURISDICTION, String.valueOf((char) ('a' + i))));
    }
    out.println(
        "codefed demo: a fleet of "
            + gateways
            + " gateways of "
            + JURISDICTION
            + " (separate JVMs), three checkpoints, one gateway killed with SIGKILL mid-run");
    FleetScans scans = new FleetScans();
    Path audit = dir.resolve("audit");
    try (Drill drill =
        Drill.start(
            dir,
            Set.of("140000", JURISDICTION),
            Set.of(JURISDICTION),
            now,
            now.minus(Duration.ofDays(60)),
            population)) {
      ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
      ticker.scheduleAtFixedRate(
          () -> drill.clock().set(Instant.now()), 0, 100, TimeUnit.MILLISECONDS);
      List<GatewayProcess> fleet = new ArrayList<>();
      try {
        FleetConfigs configs = new FleetConfigs(drill, audit);
        for (String name : names) {
          fleet.add(configs.gateway(name));
        }
        for (String c : CHECKPOINTS) {
          if (!drill.pki().hasIdentity(Role.CHECKPOINT, c)) {
            new PkiInitializer(Clock.systemUTC())
                .issue(drill.pki().root(), Role.CHECKPOINT, c, List.of(), false);
          }
        }
        for (GatewayProcess g : fleet) {
          g.start();
        }
        for (GatewayProcess g : fleet) {
          g.awaitListening();
        }
        out.println(
            "  gateways: "
                + String.join(", ", configs.addresses())
                + " ("
                + String.join(", ", names)
                + ")");
        scan(
            drill,
            configs.addresses(),
            scans,
            fleet.get(fleet.size() > 1 ? 1 : 0),
            scansPerCheckpoint,
            out);
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

  /**
   * Three checkpoints scan in three rounds: all gateways up; one killed with SIGKILL while the
   * round is in flight; the killed one restarted (same port, same log) before the last round.
   */
  private static void scan(
      Drill drill,
      List<String> addresses,
      FleetScans scans,
      GatewayProcess victim,
      int perCheckpoint,
      PrintStream out)
      throws Exception {
    List<GatewayClient> clients = new ArrayList<>();
    for (String c : CHECKPOINTS) {
      PkiDirectory bundle =
          PkiBundles.write(
              drill.pki().root(),
              Role.CHECKPOINT,
              c,
              drill.dir().resolve("bundles/checkpoint").resolve(c),
              Optional.of(JURISDICTION));
      clients.add(
          GatewayClient.connect(
              new GatewayAddresses(addresses),
              bundle,
              c,
              ServerPin.gatewayFleet(bundle.trustDomain(), JURISDICTION)));
    }
    ExecutorService checkpoints = Executors.newFixedThreadPool(CHECKPOINTS.size());
    try {
      int[] rounds = {
        perCheckpoint / 3, perCheckpoint / 3, perCheckpoint - 2 * (perCheckpoint / 3)
      };
      int issued = 0;
      int restartAnswers = 0;
      for (int round = 0; round < 3; round++) {
        List<Future<?>> runs = new ArrayList<>();
        for (GatewayClient client : clients) {
          List<String> codes = new ArrayList<>();
          for (int i = 0; i < rounds[round]; i++, issued++) {
            codes.add(FleetCodes.issue(drill, issued % 2 == 0 ? "140000" : JURISDICTION, issued));
          }
          runs.add(checkpoints.submit(() -> scans.run(client, codes)));
        }
        if (round == 1) {
          int target = scans.answered.get() + Math.max(1, rounds[1]);
          while (scans.answered.get() < target && !runs.stream().allMatch(Future::isDone)) {
            Thread.sleep(5);
          }
          victim.kill();
          out.printf(
              "  round 2: killed gateway %s with SIGKILL after %d answers, scans in flight; scanning on%n",
              victim.name(), scans.answered.get());
        }
        for (Future<?> f : runs) {
          f.get(10, TimeUnit.MINUTES);
        }
        if (round == 2) {
          issued = untilAnsweredBy(drill, victim.name(), restartAnswers, clients, scans, issued);
        }
        out.printf(
            "  after round %d: %d scans answered (%s)%n",
            round + 1, scans.answered.get(), scans.perGateway());
        if (round == 1) {
          victim.start();
          victim.awaitListening();
          clients.forEach(
              c -> c.channel().resetConnectBackoff()); // or wait out the reconnect backoff
          restartAnswers = scans.answersBy(victim.name());
          out.printf("  round 3: restarted gateway %s (same port, same log)%n", victim.name());
        }
      }
    } finally {
      checkpoints.shutdownNow();
      clients.forEach(GatewayClient::close);
    }
  }

  /**
   * Round 3 goes on (bounded) until the restarted gateway has answered again: its subchannel
   * reconnects first.
   */
  private static int untilAnsweredBy(
      Drill drill,
      String gateway,
      int before,
      List<GatewayClient> clients,
      FleetScans scans,
      int issued)
      throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (scans.answersBy(gateway) == before && System.nanoTime() < deadline) {
      GatewayClient client = clients.get(issued % clients.size());
      scans.run(client, List.of(FleetCodes.issue(drill, "140000", issued++)));
    }
    return issued;
  }

  /** Every answered scan must be in its gateway's shard; every shard must verify. */
  private static int reconcile(
      Path dir, Path audit, List<String> names, FleetScans scans, PrintStream out)
      throws Exception {
    PkiDirectory auditor = PkiDirectory.open(dir.resolve("bundles/auditor").resolve(AUDITOR));
    PkiVerificationKeys keys = PkiVerificationKeys.load(auditor);
    long recorded = 0;
    java.util.Map<String, Long> outcomes = new java.util.TreeMap<>();
    long lost = 0;
    int verified = 0;
    out.println();
    for (String name : names) {
      Path shard = audit.resolve(name);
      Set<Long> sequences = new HashSet<>();
      for (AuditRecord r : LogReader.readAll(shard)) {
        sequences.add(r.getSequence());
        outcomes.merge(
            codefed.gateway.recognition.EnumNames.designName(r.getOutcome()), 1L, Long::sum);
      }
      recorded += sequences.size();
      Set<Long> acknowledged = scans.receipts.getOrDefault(name, Set.of());
      long missing = acknowledged.stream().filter(s -> !sequences.contains(s)).count();
      lost += missing;
      ArchivedTrustKeys archived = ArchivedTrustKeys.forLog(shard, keys);
      VerificationReport report =
          LogVerifier.verify(shard, archived, EvidenceCheck.of(archived, Optional.empty()));
      verified += report.ok() ? 1 : 0;
      out.printf(
          "  shard %s: %d decisions recorded, %d answered scans, %d missing; verify: %s%n",
          name, sequences.size(), acknowledged.size(), missing, report.summary());
    }
    lost += scans.unanswered.get();
    out.printf(
        "Fleet: %d scans sent (%d answered, %d failed in flight and scanned again), "
            + "%d decisions recorded across %d shards, %d scans lost, %d/%d shards verified%n",
        scans.sent.get(),
        scans.answered.get(),
        scans.failedInFlight.get(),
        recorded,
        names.size(),
        lost,
        verified,
        names.size());
    out.println("Outcomes across shards: " + FleetExport.counts(outcomes));
    out.println(
        "  ./codefed audit verify --log "
            + audit
            + " --pki "
            + dir.resolve("bundles/auditor").resolve(AUDITOR));
    boolean sqlAgrees =
        FleetExport.exportAndCompare(
            names.stream().map(audit::resolve).toList(), dir.resolve("parquet"), outcomes, out);
    return lost == 0 && verified == names.size() && sqlAgrees ? 0 : 1;
  }
}
