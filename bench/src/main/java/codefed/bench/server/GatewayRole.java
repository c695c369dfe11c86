package codefed.bench.server;

import codefed.gateway.config.GatewayOptions;
import codefed.gateway.server.GatewayServer;
import codefed.gateway.status.NodeLimit;
import codefed.gateway.status.StatusSourceOptions;
import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import healthcode.config.v1.FederationPeer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real gateway as an operator runs it (shipped policies, trust list from the PKI, federated
 * status source with its default deadline, breaker, bulkhead and cache, durable audit log), with
 * one change: the per-checkpoint rate limit is lifted, because the benchmark is one checkpoint
 * sending what a whole province's checkpoints would. The per-issuer in-flight limit is fixed or
 * adaptive as the run says ({@code codefed bench --node-limit}, as {@code codefed gateway}'s).
 */
final class GatewayRole implements ServerRole {
  private static final int UNLIMITED_SCANS_PER_SECOND = 100_000_000;

  private final PkiDirectory pki;
  private final String jurisdiction;
  private final Map<String, Integer> nodePorts;
  private final Path auditDir;
  private final NodeLimit nodeLimit;
  private GatewayServer gateway;

  GatewayRole(
      PkiDirectory pki,
      String jurisdiction,
      Map<String, Integer> nodePorts,
      Path auditDir,
      NodeLimit nodeLimit) {
    this.pki = pki;
    this.jurisdiction = jurisdiction;
    this.nodePorts = Map.copyOf(nodePorts);
    this.auditDir = auditDir;
    this.nodeLimit = nodeLimit;
  }

  @Override
  public String start() throws Exception {
    List<FederationPeer> peers = new ArrayList<>();
    nodePorts.forEach(
        (issuer, port) ->
            peers.add(
                FederationPeer.newBuilder()
                    .setIssuer(issuer)
                    .addAddresses("127.0.0.1:" + port)
                    .setExpectedIdentity(pki.spiffeId(Role.NODE, issuer).toUri().toString())
                    .build()));
    gateway =
        GatewayServer.builder(
                GatewayOptions.builder(jurisdiction)
                    .identity(jurisdiction)
                    .pkiDir(pki.root())
                    .port(0)
                    .peers(peers)
                    .auditDir(auditDir)
                    .checkpointRate(UNLIMITED_SCANS_PER_SECOND, Duration.ofSeconds(1))
                    .status(nodeLimit.applyTo(StatusSourceOptions.DEFAULTS))
                    .build())
            .build();
    return "{\"port\":" + gateway.start() + "}";
  }

  @Override
  public void close() {
    if (gateway != null) {
      gateway.stop();
    }
  }
}
