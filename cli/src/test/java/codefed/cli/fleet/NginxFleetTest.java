package codefed.cli.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.cli.drill.Drill;
import codefed.cli.testing.DebianTools;
import codefed.cli.testing.Repository;
import codefed.gateway.audit.LogReader;
import codefed.gateway.client.GatewayAddresses;
import codefed.gateway.client.GatewayClient;
import codefed.gateway.config.GatewayOptions;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.server.GatewayServer;
import codefed.node.issuance.IssueOptions;
import codefed.node.population.PopulationGenerator;
import codefed.pki.PkiBundles;
import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.pki.Role;
import codefed.tls.ServerPin;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.Scan;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped nginx example ({@code ops/nginx/codefed-gateways.conf}) with Debian's nginx on
 * loopback in front of three real gateways: a checkpoint pinned to the fleet scans through it,
 * every gateway gets calls, a stopped gateway is skipped without a failed scan, and no scan is
 * recorded twice (records across the shards = answered scans).
 */
class NginxFleetTest {
  static final Instant NOW = Instant.parse("2020-03-20T01:00:00Z");
  static final List<String> MEMBERS = List.of("150000-a", "150000-b", "150000-c");

  @TempDir Path dir;

  @Test
  void nginxExample_spreadsScansOverTheFleetAndSkipsAStoppedGatewayWithoutDoubleRecords()
      throws Exception {
    Path nginx = DebianTools.require("nginx", "nginx");
    try (Drill drill =
        Drill.start(
            dir, Set.of("140000"), Set.of("150000"), NOW, NOW.minus(Duration.ofDays(60)), 50)) {
      PkiDirectory pki = drill.pki();
      PkiInitializer issuer = new PkiInitializer(Clock.systemUTC());
      issuer.issue(pki.root(), Role.GATEWAY, "150000-edge", List.of("localhost"), false);
      issuer.issue(pki.root(), Role.CHECKPOINT, "edge-150000", List.of(), false);
      Map<String, GatewayServer> fleet = new LinkedHashMap<>();
      Process proxy = null;
      try {
        for (String name : MEMBERS) {
          issuer.issue(pki.root(), Role.GATEWAY, name, List.of("gateways.150000.internal"), false);
          GatewayServer g =
              GatewayServer.builder(
                      GatewayOptions.builder("150000")
                          .identity(name)
                          .pkiDir(drill.bundle(Role.GATEWAY, name).root())
                          .port(0)
                          .auditDir(dir.resolve("audit").resolve(name))
                          .hmacKeyFile(drill.hmacKeyFile(name))
                          .peers(drill.peers())
                          .nodeDeadline(Duration.ofSeconds(2))
                          .checkpointRate(10_000, Duration.ofSeconds(1))
                          .build())
                  .clock(drill.clock())
                  .policies(PolicyBook::shipped)
                  .build();
          g.start();
          fleet.put(name, g);
        }
        int port = freePort();
        Path prefix = dir.resolve("nginx");
        Files.createDirectories(prefix.resolve("logs"));
        String example =
            Files.readString(Repository.root().resolve("ops/nginx/codefed-gateways.conf"))
                .replace("/etc/codefed/edge/", pki.root() + "/")
                .replace("10.0.0.21:8443", "127.0.0.1:" + fleet.get("150000-a").port())
                .replace("10.0.0.22:8443", "127.0.0.1:" + fleet.get("150000-b").port())
                .replace("10.0.0.23:8443", "127.0.0.1:" + fleet.get("150000-c").port())
                .replace("listen 8443 ssl http2;", "listen 127.0.0.1:" + port + " ssl http2;");
        Files.writeString(prefix.resolve("codefed-gateways.conf"), example);
        Files.writeString(
            prefix.resolve("nginx.conf"),
            """
            daemon off;
            worker_processes 1;
            pid %1$s/nginx.pid;
            error_log %1$s/logs/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path %1$s/body;
                proxy_temp_path %1$s/proxy;
                fastcgi_temp_path %1$s/fastcgi;
                uwsgi_temp_path %1$s/uwsgi;
                scgi_temp_path %1$s/scgi;
                include %1$s/codefed-gateways.conf;
            }
            """
                .formatted(prefix));
        proxy =
            new ProcessBuilder(
                    nginx.toString(),
                    "-p",
                    prefix.toString(),
                    "-c",
                    prefix.resolve("nginx.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                .start();
        awaitListening(port, proxy, prefix);

        PkiDirectory checkpoint =
            PkiBundles.write(
                pki.root(),
                Role.CHECKPOINT,
                "checkpoint-1",
                dir.resolve("bundles/checkpoint/checkpoint-1"),
                Optional.of("150000"));
        int answered = 0;
        try (GatewayClient client =
            GatewayClient.connect(
                new GatewayAddresses(List.of("localhost:" + port)),
                checkpoint,
                "checkpoint-1",
                ServerPin.gatewayFleet(checkpoint.trustDomain(), "150000"))) {
          for (int i = 0; i < 30; i++) {
            client.recognize(scan(drill, i), Duration.ofSeconds(10));
            answered++;
          }
          fleet.get("150000-b").stop();
          for (int i = 30; i < 45; i++) {
            client.recognize(
                scan(drill, i), Duration.ofSeconds(10)); // nginx skips the stopped gateway
            answered++;
          }
        }
        fleet.values().forEach(GatewayServer::stop);

        int records = 0;
        for (String name : MEMBERS) {
          List<AuditRecord> shard = LogReader.readAll(dir.resolve("audit").resolve(name));
          assertThat(shard).as("shard %s", name).isNotEmpty();
          assertThat(shard)
              .allSatisfy(r -> assertThat(r.getCheckpointId()).isEqualTo("edge-150000"));
          records += shard.size();
        }
        assertThat(answered).isEqualTo(45);
        assertThat(records).isEqualTo(answered);
      } finally {
        if (proxy != null) {
          proxy.destroy();
          proxy.waitFor(10, TimeUnit.SECONDS);
        }
        fleet.values().forEach(GatewayServer::stop);
      }
    }
  }

  private static Scan scan(Drill drill, int i) throws Exception {
    String qr =
        drill
            .node("140000")
            .issue(
                IssueOptions.builder()
                    .declaration(
                        new PopulationGenerator("140000", 2020).resident(i, NOW).declaration())
                    .issuedAt(NOW.minus(Duration.ofHours(2)))
                    .status(Set.of(), List.of())
                    .noSnapshot()
                    .build())
            .qrText();
    return Scan.newBuilder()
        .setQrText(qr)
        .setCheckpointType(CheckpointType.CHECKPOINT_TYPE_TRAFFIC)
        .setTemperatureCelsius(36.5)
        .build();
  }

  private static void awaitListening(int port, Process proxy, Path prefix) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!proxy.isAlive()) {
        throw new AssertionError(
            "nginx exited: "
                + Files.readString(prefix.resolve("logs/stdout.log"))
                + readIfExists(prefix.resolve("logs/error.log")));
      }
      try {
        new Socket(InetAddress.getLoopbackAddress(), port).close();
        return;
      } catch (IOException notYet) {
        Thread.sleep(20);
      }
    }
    throw new AssertionError("nginx did not listen on " + port);
  }

  private static String readIfExists(Path p) throws IOException {
    return Files.exists(p) ? Files.readString(p) : "";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
