package codefed.gateway.client;

import codefed.gateway.config.GatewayOptions;
import codefed.gateway.server.GatewayServer;
import codefed.gateway.testing.FakeDecisionLog;
import codefed.gateway.testing.FakeStatusSource;
import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.pki.Role;
import codefed.time.MutableClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gateways of one jurisdiction on loopback over real mTLS (Netty, port 0), each with its own
 * identity {@code gateway/150000-<member>} issued by the project's PKI at test time and its own
 * decision log (a shard). All use one HMAC key file so code ids compare across shards.
 */
final class FleetGateways implements AutoCloseable {
  final Map<String, GatewayServer> servers = new LinkedHashMap<>();
  final Map<String, FakeDecisionLog> logs = new LinkedHashMap<>();

  static synchronized void ensureIdentity(PkiDirectory pki, String name) {
    if (!pki.hasIdentity(Role.GATEWAY, name)) {
      new PkiInitializer(Clock.systemUTC())
          .issue(pki.root(), Role.GATEWAY, name, List.of("localhost"), false);
    }
  }

  FleetGateways(PkiDirectory pki, Path dir, Instant now, String... names) throws Exception {
    for (String name : names) {
      ensureIdentity(pki, name);
      FakeDecisionLog log = new FakeDecisionLog();
      GatewayServer server =
          GatewayServer.builder(
                  GatewayOptions.builder("150000")
                      .identity(name)
                      .pkiDir(pki.root())
                      .port(0)
                      .hmacKeyFile(dir.resolve("hmac.key"))
                      .checkpointRate(10_000, Duration.ofSeconds(1))
                      .build())
              .statusSource(new FakeStatusSource())
              .decisionLog(log)
              .clock(new MutableClock(now))
              .build();
      server.start();
      servers.put(name, server);
      logs.put(name, log);
    }
  }

  GatewayAddresses addresses() {
    List<String> entries = new ArrayList<>();
    servers.values().forEach(s -> entries.add("localhost:" + s.port()));
    return new GatewayAddresses(entries);
  }

  int records() {
    return logs.values().stream().mapToInt(l -> l.records().size()).sum();
  }

  @Override
  public void close() {
    servers.values().forEach(GatewayServer::stop);
  }
}
