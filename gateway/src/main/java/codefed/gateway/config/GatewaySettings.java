package codefed.gateway.config;

import codefed.gateway.audit.AuditLogOptions;
import healthcode.federation.v1.FederationPeer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The gateway's validated configuration: one immutable tree, loaded at start-up by {@link
 * GatewayConfigLoader}. Paths are resolved against the configuration file's directory.
 *
 * @param policyDir directory of policy version files; empty = the shipped policies
 * @param metricsPort loopback port of the metrics endpoint; 0 = ephemeral, -1 = off
 * @param auditKeyDir the audit-signing key and certificate; empty = the TLS identity key
 * @param witnessStateDirs witnesses' state directories checked against the log at start
 * @param auditDurabilityTimeout how long a scan waits for its audit record to be durable
 */
public record GatewaySettings(
    String jurisdiction,
    int port,
    Path pkiDir,
    String identity,
    Optional<Path> policyDir,
    Path auditDir,
    List<FederationPeer> peers,
    int metricsPort,
    Duration nodeDeadline,
    int checkpointRatePerSecond,
    int cacheMaxEntries,
    Path hmacKeyFile,
    Duration policyPollInterval,
    Optional<Path> auditKeyDir,
    List<Path> witnessStateDirs,
    Duration auditDurabilityTimeout) {

  public static final Duration DEFAULT_NODE_DEADLINE = Duration.ofMillis(500);
  public static final int DEFAULT_RATE_PER_SECOND = 50;
  public static final int DEFAULT_CACHE_MAX_ENTRIES = 100_000;
  public static final Duration DEFAULT_POLICY_POLL = Duration.ofSeconds(5);
  public static final Duration DEFAULT_AUDIT_DURABILITY_TIMEOUT = AuditLogOptions.DEFAULT_DURABILITY_TIMEOUT;

  public GatewaySettings {
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    Objects.requireNonNull(pkiDir, "pkiDir");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(policyDir, "policyDir");
    Objects.requireNonNull(auditDir, "auditDir");
    peers = List.copyOf(peers);
    Objects.requireNonNull(nodeDeadline, "nodeDeadline");
    Objects.requireNonNull(hmacKeyFile, "hmacKeyFile");
    Objects.requireNonNull(policyPollInterval, "policyPollInterval");
    Objects.requireNonNull(auditKeyDir, "auditKeyDir");
    witnessStateDirs = List.copyOf(witnessStateDirs);
    Objects.requireNonNull(auditDurabilityTimeout, "auditDurabilityTimeout");
  }

  /** Where the HMAC key lives unless configured: beside the audit directory, not inside it. */
  public static Path defaultHmacKeyFile(Path auditDir) {
    Path abs = auditDir.toAbsolutePath().normalize();
    return abs.getParent() == null ? abs.resolve("hmac.key") : abs.getParent().resolve("hmac.key");
  }
}
