package codefed.node;

import codefed.node.assertion.AnswerSigner;
import codefed.node.assertion.SignBatching;
import codefed.node.assertion.StatusAssertions;
import codefed.node.changes.ChangeFeed;
import codefed.node.declaration.DeclarationValidator;
import codefed.node.declaration.InvalidDeclarationException;
import codefed.node.fault.FaultSettings;
import codefed.node.fault.NodeFaults;
import codefed.node.grpc.NodeRoles;
import codefed.node.grpc.NodeServer;
import codefed.node.issuance.CodeIssuer;
import codefed.node.issuance.CodeSigner;
import codefed.node.issuance.IssueOptions;
import codefed.node.issuance.IssuedCode;
import codefed.node.issuerkey.IssuerKeyWatcher;
import codefed.node.population.PopulationGenerator;
import codefed.node.population.PopulationLoader;
import codefed.node.region.Regions;
import codefed.node.registry.CodeId;
import codefed.node.registry.CodeRegistry;
import codefed.node.registry.InMemoryCodeRegistry;
import codefed.node.registry.Visit;
import codefed.node.status.HolderStatus;
import codefed.node.status.Observation;
import codefed.node.status.RiskArea;
import codefed.node.status.StatusBook;
import codefed.node.status.StatusUpdate;
import codefed.node.status.UnknownCodeException;
import codefed.node.status.UpdateOutcome;
import codefed.pki.PkiDirectory;
import codefed.signing.Signer;
import codefed.tls.AuthInterceptor;
import codefed.tls.CrlCache;
import healthcode.federation.v1.IssuerKey;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.SignedAssertion;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * An embeddable province node: what {@code codefed node} runs, usable in-process by drivers such as
 * the {@code demo} and {@code cases} runners.
 *
 * <pre>{@code
 * ProvinceNode node = ProvinceNode.builder()
 *     .province("140000")
 *     .pki(PkiDirectory.open(dir))      // node/140000 TLS identity and the 140000 issuer key
 *     .port(0)                          // 0: any free port
 *     .clock(clock)                     // every timestamp the node makes comes from here
 *     .population(1000, 42)             // optional synthetic residents
 *     .build();
 * int port = node.start();              // mTLS gRPC server on 127.0.0.1/0.0.0.0:port
 *
 * // Put a holder in an exact state and issue their code at a given instant:
 * IssuedCode code = node.issue(IssueOptions.builder()
 *     .issuedAt(scan.minus(Duration.ofHours(72)))
 *     .snapshot(Color.COLOR_YELLOW, scan.minus(Duration.ofMinutes(3)))   // or .currentSnapshot()
 *     .status(Set.of(Reason.REASON_CROSS_CITY_TRAVEL),
 *             List.of(ProvinceNode.visitAt(RiskLevel.RISK_LEVEL_MEDIUM, scan.minus(Duration.ofDays(2)))))
 *     .build());
 * String qr = code.qrText();
 *
 * node.setStatus(code.codeId(), Set.of(Reason.REASON_CLOSE_CONTACT), List.of()); // → RED, published
 * node.faults().down();   // unreachable: every RPC UNAVAILABLE (health NOT_SERVING);
 *                         // remotely: NodeDrillService.SetFault, with .drills(true) only
 * node.faults().up();
 * node.close();
 * }</pre>
 *
 * <p>The node signs with the province's active issuer key from the PKI directory and watches that
 * directory: after {@code codefed certs rotate-issuer-key} new codes and answers carry the new key
 * id within {@link Builder#issuerKeyPoll} (default 1 s), without a restart.
 *
 * <p>The color follows from the reasons (seed 003, {@link codefed.node.status.ColorRules}): to get
 * a color, give a reason of that color (no reason: GREEN). A province that colors by its own
 * criteria gives the color itself with an authority note ({@link codefed.node.status.IssuerColor},
 * {@code IssueOptions.Builder#issuerStatus}); the node then reports the reason {@code
 * ISSUER_CRITERIA}.
 */
public final class ProvinceNode implements AutoCloseable {
  /** How often a node looks for a rotated issuer key unless told otherwise. */
  public static final Duration DEFAULT_ISSUER_KEY_POLL = Duration.ofSeconds(1);

  private final NodeCore core;
  private final NodeServer server;
  private final int populationLoaded;
  private final Supplier<Signer> signingKey;
  private final IssuerKeyWatcher keyWatcher; // null when the signer was given
  private final Duration issuerKeyPoll;

  private ProvinceNode(
      NodeCore core,
      NodeServer server,
      int populationLoaded,
      Supplier<Signer> signingKey,
      IssuerKeyWatcher keyWatcher,
      Duration issuerKeyPoll) {
    this.core = core;
    this.server = server;
    this.populationLoaded = populationLoaded;
    this.signingKey = signingKey;
    this.keyWatcher = keyWatcher;
    this.issuerKeyPoll = issuerKeyPoll;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the gRPC server and the issuer key watcher; returns the bound port (-1 when in-process).
   */
  public int start() throws IOException {
    server.start();
    if (keyWatcher != null) {
      keyWatcher.start(issuerKeyPoll);
    }
    return server.port();
  }

  /** The id of the issuer key new codes and answers are signed with now. */
  public String signingKeyId() {
    return signingKey.get().keyId();
  }

  /**
   * Looks at the PKI's issuer key directory now instead of at the next poll; returns whether the
   * node switched to a new key. False when the signer was given to the builder.
   */
  public boolean checkIssuerKey() {
    return keyWatcher != null && keyWatcher.checkNow();
  }

  /** The bound port (-1 when in-process). */
  public int port() {
    return server.port();
  }

  public String province() {
    return core.province();
  }

  /** The domain side (status book, issuer, assertions, faults) shared with the gRPC service. */
  public NodeCore core() {
    return core;
  }

  /**
   * The fault switches: down/up, latency, error rate, hang — for the process that embeds the node.
   * Remote callers reach them only through {@code NodeDrillService} on a node built with {@link
   * Builder#drills}.
   */
  public NodeFaults faults() {
    return core.faults();
  }

  /** How many synthetic residents were loaded at build time. */
  public int populationLoaded() {
    return populationLoaded;
  }

  /** Number of codes the node holds. */
  public int codes() {
    return core.book().size();
  }

  /** Issues a code as {@code IssueCode} would (validated declaration, issued now). */
  public IssuedCode issue(healthcode.federation.v1.Declaration declaration, boolean includeSnapshot)
      throws InvalidDeclarationException {
    return core.codes().issue(declaration, includeSnapshot);
  }

  /** Issues a code at a chosen instant, with a chosen snapshot and exact status. */
  public IssuedCode issue(IssueOptions options) throws InvalidDeclarationException {
    return core.codes().issue(options);
  }

  /**
   * Gives a holder exactly these reasons (the color follows from them) and this itinerary;
   * publishes a change when the visible status differs.
   *
   * @throws UnknownCodeException if the node never issued the code
   */
  public HolderStatus setStatus(CodeId code, Set<Reason> reasons, List<Visit> itinerary)
      throws UnknownCodeException {
    return core.book().update(code, StatusUpdate.exactly(reasons, itinerary)).status();
  }

  /** What {@code UpdateStatus} does. */
  public UpdateOutcome update(CodeId code, StatusUpdate update) throws UnknownCodeException {
    return core.book().update(code, update);
  }

  /** What {@code SetRiskAreas} does; returns how many codes changed. */
  public int setRiskAreas(Collection<RiskArea> areas) {
    return core.book().setRiskAreas(areas);
  }

  /** The holder's status now, if the node issued the code. */
  public Optional<HolderStatus> status(CodeId code) {
    return core.book().observe(code).map(Observation::status);
  }

  /** The signed answer {@code VerifyCode} would give (ignores injected faults). */
  public SignedAssertion verify(CodeId code, byte[] nonce) {
    return core.assertions().answer(code.toBytes(), nonce);
  }

  /**
   * A visit to a node-defined area whose risk level is {@code level}: the areas {@code R-LOW},
   * {@code R-MEDIUM} and {@code R-HIGH} are set up by every node at those levels, so a driver can
   * give a holder "an itinerary with a MEDIUM area" without choosing real counties.
   */
  public static Visit visitAt(
      healthcode.federation.v1.RiskLevel level, java.time.Instant visitedAt) {
    return new Visit(SyntheticAreas.codeFor(level), visitedAt);
  }

  /** Stops the server gracefully (see {@link NodeServer#stop()}). */
  @Override
  public void close() {
    if (keyWatcher != null) {
      keyWatcher.close();
    }
    try {
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      core.assertions().close();
    }
  }

  /** Answers signed and the signatures that covered them, since the node started. */
  public AnswerSigner.SigningCounts signingCounts() {
    return core.assertions().signingCounts();
  }

  public void blockUntilShutdown() throws InterruptedException {
    server.blockUntilShutdown();
  }

  /**
   * Builds a node; {@link #province} and {@link #pki} are required (or signer + server builder).
   */
  public static final class Builder {
    private String province;
    private PkiDirectory pki;
    private int port;
    private Clock clock = Clock.system(java.time.ZoneOffset.ofHours(8));
    private int populationSize;
    private long populationSeed;
    private CodeRegistry registry;
    private FaultSettings faults = FaultSettings.NONE;
    private ServerBuilder<?> serverBuilder;
    private ServerInterceptor authentication;
    private Signer signer;
    private Supplier<List<IssuerKey>> issuerKeys;
    private Duration assertionValidity = Duration.ofMinutes(5);
    private Duration issuerKeyPoll = DEFAULT_ISSUER_KEY_POLL;
    private int changeRetention = 100_000;
    private int subscriberBuffer = 1024;
    private Duration heartbeat = codefed.node.grpc.NodeServer.DEFAULT_HEARTBEAT;
    private Clock crlClock = Clock.systemUTC();
    private Duration crlRecheck = CrlCache.DEFAULT_RECHECK;
    private boolean drills;
    private SignBatching signBatching = SignBatching.DEFAULT;

    private Builder() {}

    /**
     * How late calls on open connections see a rewritten CRL (default {@link
     * CrlCache#DEFAULT_RECHECK}), timed by {@code clock} (the wall clock, not the drill clock).
     */
    public Builder revocationCheck(Clock clock, Duration recheck) {
      this.crlClock = Objects.requireNonNull(clock, "clock");
      this.crlRecheck = Objects.requireNonNull(recheck, "recheck");
      return this;
    }

    /** The 6-digit GB/T 2260 province code the node answers for. */
    public Builder province(String value) {
      this.province = value;
      return this;
    }

    /** TLS identity {@code node/<province>}, issuer key and trust list come from here. */
    public Builder pki(PkiDirectory value) {
      this.pki = value;
      return this;
    }

    /** Port to listen on; 0 (default) picks a free one. */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /** The clock for every timestamp (default: the system clock, +08:00). */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Load {@code size} synthetic residents from {@code seed} at build time. */
    public Builder population(int size, long seed) {
      if (size < 0) {
        throw new IllegalArgumentException("population: " + size + " (expected: >= 0)");
      }
      this.populationSize = size;
      this.populationSeed = seed;
      return this;
    }

    /** Where codes are kept (default: {@link InMemoryCodeRegistry}). */
    public Builder registry(CodeRegistry value) {
      this.registry = value;
      return this;
    }

    /** Faults in force from the start (e.g. {@code --fault-latency}). */
    public Builder faults(FaultSettings value) {
      this.faults = Objects.requireNonNull(value, "faults");
      return this;
    }

    /** Serve on this builder instead of mTLS on {@link #port} (tests: in-process). */
    public Builder serverBuilder(ServerBuilder<?> value) {
      this.serverBuilder = value;
      return this;
    }

    /** Replace the {@code AuthInterceptor} (only for in-process tests without TLS). */
    public Builder authentication(ServerInterceptor value) {
      this.authentication = value;
      return this;
    }

    /** Sign with this key instead of the PKI's issuer key of the province. */
    public Builder signer(Signer value) {
      this.signer = value;
      return this;
    }

    /** Answer {@code GetIssuerKeys} from here instead of the PKI's trust list. */
    public Builder issuerKeys(Supplier<List<IssuerKey>> value) {
      this.issuerKeys = value;
      return this;
    }

    /**
     * How often the PKI's issuer key directory is read for a rotated key (default 1 s): a new key
     * is in use within this interval, without a restart.
     */
    public Builder issuerKeyPoll(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("issuerKeyPoll: " + value + " (expected: > 0)");
      }
      this.issuerKeyPoll = value;
      return this;
    }

    /** How long a signed answer is valid (default 5 minutes). */
    public Builder assertionValidity(Duration value) {
      this.assertionValidity = value;
      return this;
    }

    /** How often an idle change stream sends a heartbeat (default 5 s). */
    public Builder heartbeat(Duration value) {
      this.heartbeat = value;
      return this;
    }

    /** Change-stream events kept for resuming consumers (default 100,000). */
    public Builder changeRetention(int value) {
      this.changeRetention = value;
      return this;
    }

    /** Live events one consumer may have pending before it is cut off (default 1,024). */
    public Builder subscriberBuffer(int value) {
      this.subscriberBuffer = value;
      return this;
    }

    /**
     * Whether answers are signed in batches, one signature over the root of the answers made within
     * a short window ({@link SignBatching}); default {@link SignBatching#DEFAULT} (250 µs), {@link
     * SignBatching#OFF} for one signature each.
     */
    public Builder signBatching(SignBatching value) {
      this.signBatching = Objects.requireNonNull(value, "signBatching");
      return this;
    }

    /**
     * Expose {@code NodeDrillService} (remote fault injection by the node's own platform) — for
     * drills and tests only; default off, and a production node leaves it off so the service does
     * not exist on it (calls get UNIMPLEMENTED).
     */
    public Builder drills(boolean value) {
      this.drills = value;
      return this;
    }

    /** Assembles the node and loads the population (the server starts with {@link #start}). */
    public ProvinceNode build() {
      if (!Regions.bundled().isProvince(province)
          && !codefed.code.Issuers.NATIONAL.equals(province)) {
        throw new IllegalArgumentException(
            "province: " + province + " (expected: a GB/T 2260 province code such as 140000)");
      }
      if (pki == null && (signer == null || serverBuilder == null || issuerKeys == null)) {
        throw new IllegalArgumentException("pki: missing (expected: a PKI directory)");
      }
      IssuerKeyWatcher watcher = signer != null ? null : new IssuerKeyWatcher(pki, province, clock);
      Supplier<Signer> key = watcher != null ? watcher : fixed(signer);
      StatusBook book =
          new StatusBook(
              registry != null ? registry : new InMemoryCodeRegistry(populationSize + 1024),
              new ChangeFeed(changeRetention, subscriberBuffer),
              clock);
      book.setRiskAreas(SyntheticAreas.all());
      DeclarationValidator validator = new DeclarationValidator(Regions.bundled(), clock);
      CodeIssuer codes =
          new CodeIssuer(new CodeSigner(province, key), book, validator, clock, new SecureRandom());
      NodeFaults nodeFaults = new NodeFaults(new SplittableRandom());
      nodeFaults.set(faults);
      NodeCore core =
          new NodeCore(
              province,
              book,
              codes,
              new StatusAssertions(
                  province, AnswerSigner.of(key, signBatching), book, clock, assertionValidity),
              nodeFaults,
              issuerKeys != null ? issuerKeys : IssuerKeysSource.of(pki, province, key));
      int loaded =
          PopulationLoader.load(
              new PopulationGenerator(province, populationSeed),
              populationSize,
              clock.instant(),
              validator,
              book);
      CrlCache crl =
          pki == null ? null : CrlCache.open(pki, crlClock, crlRecheck, CrlCache.DEFAULT_GRACE);
      ServerBuilder<?> transport =
          serverBuilder != null ? serverBuilder : NodeServer.mtls(port, pki, province, crl);
      ServerInterceptor auth =
          authentication != null
              ? authentication
              : new AuthInterceptor(NodeRoles.table(), pki.trustDomain(), (m, c) -> {}, crl);
      return new ProvinceNode(
          core,
          new NodeServer(transport, core, auth, heartbeat, drills),
          loaded,
          key,
          watcher,
          issuerKeyPoll);
    }

    private static Supplier<Signer> fixed(Signer signer) {
      return () -> signer;
    }
  }
}
