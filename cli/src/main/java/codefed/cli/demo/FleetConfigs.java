package codefed.cli.demo;

import codefed.cli.drill.Drill;
import codefed.pki.PkiInitializer;
import codefed.pki.Role;
import com.google.protobuf.TextFormat;
import healthcode.config.v1.GatewayConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Each fleet gateway's identity, bundle, audit-signing key, HMAC key and {@code GatewayConfig} file
 * under {@code DIR/gateways}: the same jurisdiction, peers and policies, nothing else shared. Ports
 * are chosen once so a restarted gateway comes back at the same address.
 */
final class FleetConfigs {
  private final Drill drill;
  private final Path audit;
  private final List<String> addresses = new ArrayList<>();

  FleetConfigs(Drill drill, Path audit) {
    this.drill = drill;
    this.audit = audit;
  }

  GatewayProcess gateway(String name) throws IOException {
    if (!drill.pki().hasIdentity(Role.GATEWAY, name)) {
      new PkiInitializer(Clock.systemUTC())
          .issue(drill.pki().root(), Role.GATEWAY, name, List.of("localhost"), false);
    }
    int port = freePort();
    addresses.add("localhost:" + port);
    GatewayConfig config =
        GatewayConfig.newBuilder()
            .setJurisdiction(FleetDemo.JURISDICTION)
            .setIdentity(name)
            .setPort(port)
            .setPkiDir(drill.bundle(Role.GATEWAY, name).root().toString())
            .setAuditDir(audit.resolve(name).toString())
            .setAuditKeyDir(drill.auditKeyDir(Role.GATEWAY, name).toString())
            .setHmacKeyFile(drill.hmacKeyFile(name).toString())
            .addAllPeers(drill.peers())
            .setMetricsPort(-1)
            .setNodeDeadline("PT2S")
            .setCheckpointRatePerSecond(10_000)
            .build();
    Path dir = drill.dir().resolve("gateways");
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".textproto");
    Files.writeString(file, TextFormat.printer().printToString(config), StandardCharsets.UTF_8);
    return new GatewayProcess(name, file, dir.resolve(name + ".out"));
  }

  List<String> addresses() {
    return List.copyOf(addresses);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
