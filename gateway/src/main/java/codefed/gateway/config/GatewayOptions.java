package codefed.gateway.config;

import static codefed.options.OptionChecks.atLeastOne;
import static codefed.options.OptionChecks.notNegative;
import static codefed.options.OptionChecks.positive;

import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.status.StatusSourceOptions;
import codefed.tls.CrlCache;
import healthcode.config.v1.FederationPeer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a gateway is configured with, as one immutable value: each default is defined once (in
 * {@link Builder}) and every value is checked here, so a gateway started from a file ({@link
 * GatewayConfigLoader}) and one started in code get the same defaults and the same messages. Paths
 * from a file are resolved against the file's directory.
 *
 * @param identity this gateway's identity name in the PKI ({@code gateway/<name>}); default: the
 *     jurisdiction
 * @param port listen port of the mTLS server (0 = ephemeral)
 * @param pkiDir the PKI (or bundle) directory; empty only for in-process test set-ups
 * @param policyDir directory of policy version files, watched every {@code policyPoll}; empty = the
 *     shipped policies
 * @param auditDir the audit log directory; trust lists and policies are archived in it
 * @param auditKeyDir the audit-signing key and certificate; empty = the TLS identity key
 * @param witnessStateDirs witnesses' state directories the log must extend, checked at start
 * @param hmacKeyFile HMAC key of code ids; default: {@code hmac.key} beside the audit directory
 * @param auditDurabilityTimeout how long a scan waits for its audit record to be durable
 * @param peers the issuers' nodes; changes in a watched file apply without a restart
 * @param status how nodes are called and answers cached (node deadline, cache bound, ...)
 * @param checkpointRate scans allowed per checkpoint and period
 * @param metricsPort loopback port of the metrics endpoint; 0 = ephemeral, -1 = off
 * @param trustListPoll how often the trust list is re-read and trust material expiry checked
 * @param expiryGrace how long a trust list or CRL past its next_update is still used
 * @param expiryWarning how far ahead of next_update the log warns
 * @param revocationRecheck how late calls on open connections see a rewritten CRL
 * @param maxConnectionAge longest life of a client connection before a fresh handshake
 * @param maxConnectionAgeGrace time the calls of an aged connection get before it is cut
 * @param callThreads threads that run calls of the mTLS server
 * @param streamThreads threads deciding RecognizeStream scans; one issuer holds at most half
 * @param rememberedCodes verified codes remembered so a repeated scan skips the signature check
 * @param shutdownGrace how long calls in flight may finish at stop
 */
public record GatewayOptions(
    String jurisdiction,
    String identity,
    int port,
    Optional<Path> pkiDir,
    Optional<Path> policyDir,
    Duration policyPoll,
    Optional<Path> auditDir,
    Optional<Path> auditKeyDir,
    List<Path> witnessStateDirs,
    Optional<Path> hmacKeyFile,
    Duration auditDurabilityTimeout,
    List<FederationPeer> peers,
    StatusSourceOptions status,
    CheckpointRate checkpointRate,
    int metricsPort,
    Duration trustListPoll,
    Duration expiryGrace,
    Duration expiryWarning,
    Duration revocationRecheck,
    Duration maxConnectionAge,
    Duration maxConnectionAgeGrace,
    int callThreads,
    int streamThreads,
    int rememberedCodes,
    Duration shutdownGrace) {

  /** Scans allowed per checkpoint: {@code permits} per {@code period}. */
  public record CheckpointRate(int permits, Duration period) {
    public CheckpointRate {
      if (permits <= 0) {
        throw new IllegalArgumentException("checkpointRate: " + permits + " (expected: > 0)");
      }
      positive("checkpointRate period", period);
    }
  }

  public GatewayOptions {
    Objects.requireNonNull(jurisdiction, "jurisdiction");
    identity = identity == null || identity.isEmpty() ? jurisdiction : identity;
    range("port", port, 0);
    Objects.requireNonNull(pkiDir, "pkiDir");
    Objects.requireNonNull(policyDir, "policyDir");
    positive("policyPoll", policyPoll);
    Objects.requireNonNull(auditDir, "auditDir");
    Objects.requireNonNull(auditKeyDir, "auditKeyDir");
    witnessStateDirs = List.copyOf(witnessStateDirs);
    Objects.requireNonNull(hmacKeyFile, "hmacKeyFile");
    if (hmacKeyFile.isEmpty() && auditDir.isPresent()) {
      hmacKeyFile = Optional.of(defaultHmacKeyFile(auditDir.get()));
    }
    positive("auditDurabilityTimeout", auditDurabilityTimeout);
    peers = List.copyOf(peers);
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(checkpointRate, "checkpointRate");
    range("metricsPort", metricsPort, -1);
    positive("trustListPoll", trustListPoll);
    notNegative("expiryGrace", expiryGrace);
    notNegative("expiryWarning", expiryWarning);
    notNegative("revocationRecheck", revocationRecheck);
    positive("maxConnectionAge", maxConnectionAge);
    notNegative("maxConnectionAgeGrace", maxConnectionAgeGrace);
    atLeastOne("callThreads", callThreads);
    atLeastOne("streamThreads", streamThreads);
    atLeastOne("rememberedCodes", rememberedCodes);
    notNegative("shutdownGrace", shutdownGrace);
  }

  /** The same options with other status source options (e.g. a command line's node limit). */
  public GatewayOptions withStatus(StatusSourceOptions v) {
    return new GatewayOptions(
        jurisdiction,
        identity,
        port,
        pkiDir,
        policyDir,
        policyPoll,
        auditDir,
        auditKeyDir,
        witnessStateDirs,
        hmacKeyFile,
        auditDurabilityTimeout,
        peers,
        v,
        checkpointRate,
        metricsPort,
        trustListPoll,
        expiryGrace,
        expiryWarning,
        revocationRecheck,
        maxConnectionAge,
        maxConnectionAgeGrace,
        callThreads,
        streamThreads,
        rememberedCodes,
        shutdownGrace);
  }

  public static Builder builder(String jurisdiction) {
    return new Builder(jurisdiction);
  }

  /** Where the HMAC key lives unless configured: beside the audit directory, not inside it. */
  public static Path defaultHmacKeyFile(Path auditDir) {
    Path abs = auditDir.toAbsolutePath().normalize();
    return abs.getParent() == null ? abs.resolve("hmac.key") : abs.getParent().resolve("hmac.key");
  }

  private static void range(String name, int v, int min) {
    if (v < min || v > 65535) {
      throw new IllegalArgumentException(name + ": " + v + " (expected: " + min + " to 65535)");
    }
  }

  /** Collects options; the initial values are the gateway's defaults. */
  public static final class Builder {
    private final String jurisdiction;
    private String identity;
    private int port;
    private Path pkiDir;
    private Path policyDir;
    private Duration policyPoll = Duration.ofSeconds(5);
    private Path auditDir;
    private Path auditKeyDir;
    private List<Path> witnessStateDirs = List.of();
    private Path hmacKeyFile;
    private Duration auditDurabilityTimeout = AuditLogOptions.DEFAULT_DURABILITY_TIMEOUT;
    private List<FederationPeer> peers = List.of();
    private StatusSourceOptions status = StatusSourceOptions.DEFAULTS;
    private CheckpointRate checkpointRate = new CheckpointRate(50, Duration.ofSeconds(1));
    private int metricsPort = -1;
    private Duration trustListPoll = Duration.ofMinutes(1);
    private Duration expiryGrace = Duration.ofDays(7);
    private Duration expiryWarning = Duration.ofDays(14);
    private Duration revocationRecheck = CrlCache.DEFAULT_RECHECK;
    private Duration maxConnectionAge = Duration.ofMinutes(30);
    private Duration maxConnectionAgeGrace = Duration.ofMinutes(1);
    private int callThreads = 64; // node calls may hold at most three quarters of them
    private int streamThreads = 16;
    private int rememberedCodes = 100_000;
    private Duration shutdownGrace = Duration.ofSeconds(5);

    private Builder(String jurisdiction) {
      this.jurisdiction = Objects.requireNonNull(jurisdiction, "jurisdiction");
    }

    public Builder identity(String v) {
      this.identity = v;
      return this;
    }

    public Builder port(int v) {
      this.port = v;
      return this;
    }

    public Builder pkiDir(Path v) {
      this.pkiDir = v;
      return this;
    }

    public Builder policyDir(Path v) {
      this.policyDir = v;
      return this;
    }

    public Builder policyPoll(Duration v) {
      this.policyPoll = v;
      return this;
    }

    public Builder auditDir(Path v) {
      this.auditDir = v;
      return this;
    }

    public Builder auditKeyDir(Path v) {
      this.auditKeyDir = v;
      return this;
    }

    public Builder witnessStateDirs(List<Path> v) {
      this.witnessStateDirs = v;
      return this;
    }

    public Builder hmacKeyFile(Path v) {
      this.hmacKeyFile = v;
      return this;
    }

    public Builder auditDurabilityTimeout(Duration v) {
      this.auditDurabilityTimeout = v;
      return this;
    }

    public Builder peers(List<FederationPeer> v) {
      this.peers = v;
      return this;
    }

    public Builder status(StatusSourceOptions v) {
      this.status = v;
      return this;
    }

    /** Shorthand for the status option most set-ups change. */
    public Builder nodeDeadline(Duration v) {
      this.status = status.withNodeDeadline(v);
      return this;
    }

    public Builder statusCacheEntries(int v) {
      this.status = status.withMaxEntries(v);
      return this;
    }

    public Builder checkpointRate(int permits, Duration period) {
      this.checkpointRate = new CheckpointRate(permits, period);
      return this;
    }

    public Builder metricsPort(int v) {
      this.metricsPort = v;
      return this;
    }

    public Builder trustListPoll(Duration v) {
      this.trustListPoll = v;
      return this;
    }

    public Builder expiry(Duration grace, Duration warnAhead) {
      this.expiryGrace = grace;
      this.expiryWarning = warnAhead;
      return this;
    }

    public Builder revocationRecheck(Duration v) {
      this.revocationRecheck = v;
      return this;
    }

    public Builder maxConnectionAge(Duration age, Duration grace) {
      this.maxConnectionAge = age;
      this.maxConnectionAgeGrace = grace;
      return this;
    }

    public Builder callThreads(int v) {
      this.callThreads = v;
      return this;
    }

    public Builder streamThreads(int v) {
      this.streamThreads = v;
      return this;
    }

    public Builder rememberedCodes(int v) {
      this.rememberedCodes = v;
      return this;
    }

    public Builder shutdownGrace(Duration v) {
      this.shutdownGrace = v;
      return this;
    }

    /**
     * @throws IllegalArgumentException a value out of range, named with what was expected
     */
    public GatewayOptions build() {
      return new GatewayOptions(
          jurisdiction,
          identity,
          port,
          Optional.ofNullable(pkiDir),
          Optional.ofNullable(policyDir),
          policyPoll,
          Optional.ofNullable(auditDir),
          Optional.ofNullable(auditKeyDir),
          witnessStateDirs,
          Optional.ofNullable(hmacKeyFile),
          auditDurabilityTimeout,
          peers,
          status,
          checkpointRate,
          metricsPort,
          trustListPoll,
          expiryGrace,
          expiryWarning,
          revocationRecheck,
          maxConnectionAge,
          maxConnectionAgeGrace,
          callThreads,
          streamThreads,
          rememberedCodes,
          shutdownGrace);
    }
  }
}
