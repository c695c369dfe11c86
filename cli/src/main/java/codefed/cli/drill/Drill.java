package codefed.cli.drill;

import codefed.node.ProvinceNode;
import codefed.node.assertion.SignBatching;
import codefed.pki.PkiBundles;
import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.pki.Role;
import codefed.signing.SignatureAlgorithms;
import codefed.time.MutableClock;
import healthcode.config.v1.FederationPeer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A federation on loopback for drills ({@code demo}, {@code cases}): the authority's PKI under
 * {@code DIR/pki}, one real node per issuer over mTLS with its drill service enabled (taken down
 * and up through {@link #faults()}), gateways on demand, all on one controllable clock. Every party
 * runs from its own bundle, {@code DIR/bundles/<role>/<name>}, as in a real federation: no node,
 * gateway or checkpoint sees the CA key or another's key.
 */
public final class Drill implements AutoCloseable {
  public static final String TRUST_DOMAIN = "drill.codefed";
  public static final String CHECKPOINT = "checkpoint-1";

  private final Path dir;
  private final PkiDirectory pki;
  private final MutableClock clock;
  private final Map<String, ProvinceNode> nodes = new LinkedHashMap<>();
  private final Map<String, DrillGateway> gateways = new java.util.concurrent.ConcurrentHashMap<>();
  private final DrillFaults faults;

  private Drill(Path dir, PkiDirectory pki, MutableClock clock) {
    this.dir = dir;
    this.pki = pki;
    this.clock = clock;
    this.faults =
        new DrillFaults(issuer -> bundle(Role.PLATFORM, issuer), issuer -> node(issuer).port());
  }

  /**
   * Makes the PKI (issuer keys valid from {@code keysValidFrom}, so codes issued at historic
   * instants verify) and starts a node for every issuer in {@code nodeIssuers}.
   */
  public static Drill start(
      Path dir,
      Set<String> nodeIssuers,
      Set<String> jurisdictions,
      Instant clockStart,
      Instant keysValidFrom,
      int populationPerNode)
      throws Exception {
    return start(
        dir,
        nodeIssuers,
        jurisdictions,
        clockStart,
        keysValidFrom,
        populationPerNode,
        SignBatching.DEFAULT);
  }

  /** As above, the nodes signing their answers as {@code signBatching} says. */
  public static Drill start(
      Path dir,
      Set<String> nodeIssuers,
      Set<String> jurisdictions,
      Instant clockStart,
      Instant keysValidFrom,
      int populationPerNode,
      SignBatching signBatching)
      throws Exception {
    Set<String> all = new TreeSet<>(nodeIssuers);
    all.addAll(jurisdictions);
    PkiDirectory pki =
        new PkiInitializer(Clock.systemUTC())
            .init(
                new PkiInitializer.InitRequest(
                    dir.resolve("pki"),
                    TRUST_DOMAIN,
                    List.copyOf(all),
                    SignatureAlgorithms.DEFAULT,
                    keysValidFrom,
                    List.of(),
                    false));
    Drill drill = new Drill(dir, pki, new MutableClock(clockStart));
    try {
      for (String issuer : nodeIssuers) {
        ProvinceNode node =
            ProvinceNode.builder()
                .province(issuer)
                .pki(drill.bundle(Role.NODE, issuer))
                .port(0)
                .clock(drill.clock)
                .population(populationPerNode, issuer.hashCode())
                .drills(true)
                .signBatching(signBatching)
                .build();
        node.start();
        drill.nodes.put(issuer, node);
      }
    } catch (Exception e) {
      drill.close();
      throw e;
    }
    return drill;
  }

  public MutableClock clock() {
    return clock;
  }

  /** The authority's PKI directory (CA key, every identity): what only the authority holds. */
  public PkiDirectory pki() {
    return pki;
  }

  /**
   * Writes (or refreshes) the bundle one party runs from, under {@code DIR/bundles/<role>/<name>}.
   */
  public PkiDirectory bundle(Role role, String name) {
    return PkiBundles.write(
        pki.root(),
        role,
        name,
        dir.resolve("bundles").resolve(role.pathSegment()).resolve(name),
        Optional.empty());
  }

  public Path dir() {
    return dir;
  }

  /** Node down/up through each node's drill service, as its own platform. */
  public DrillFaults faults() {
    return faults;
  }

  public boolean hasNode(String issuer) {
    return nodes.containsKey(issuer);
  }

  public ProvinceNode node(String issuer) {
    ProvinceNode n = nodes.get(issuer);
    if (n == null) {
      throw new IllegalArgumentException("no node for issuer " + issuer + " in this drill");
    }
    return n;
  }

  /**
   * The federation directory a gateway is configured with: every node, its address and identity.
   */
  public List<FederationPeer> peers() {
    List<FederationPeer> peers = new ArrayList<>();
    nodes.forEach(
        (issuer, node) ->
            peers.add(
                FederationPeer.newBuilder()
                    .setIssuer(issuer)
                    .addAddresses("localhost:" + node.port())
                    .setExpectedIdentity(pki.spiffeId(Role.NODE, issuer).toString())
                    .build()));
    return peers;
  }

  /**
   * Starts a gateway for {@code jurisdiction} writing its audit log to {@code auditDir}. The
   * keyed-hash key for code ids lives apart from the log, under {@code DIR/keys}.
   */
  public DrillGateway gateway(String jurisdiction, Path auditDir) throws Exception {
    DrillGateway gateway =
        new DrillGateway(
            bundle(Role.GATEWAY, jurisdiction),
            bundle(Role.CHECKPOINT, CHECKPOINT),
            jurisdiction,
            peers(),
            clock,
            auditDir,
            hmacKeyFile(jurisdiction),
            auditKeyDir(Role.GATEWAY, jurisdiction),
            witnessStateDir());
    gateways.put(jurisdiction, gateway);
    return gateway;
  }

  /**
   * What the authority does after {@code certs refresh}, {@code rotate-issuer-key} or {@code
   * revoke-issuer-key}: every running node's and gateway's bundle, and the checkpoint's, is written
   * again from the authority's directory (new CRL, trust list, a node's issuer keys). Running
   * parties pick the files up without a restart.
   */
  public void distribute() {
    // Verifiers first: a gateway must hold the trust list that names a rotated key before the
    // node that signs with it can switch (the order rotate-issuer-key keeps in the authority's
    // own directory).
    gateways.forEach(
        (jurisdiction, gateway) -> {
          bundle(Role.GATEWAY, jurisdiction);
          gateway.reloadTrustList(); // as an operator waits for "trust list version N now in use"
        });
    bundle(Role.CHECKPOINT, CHECKPOINT);
    nodes.keySet().forEach(issuer -> bundle(Role.NODE, issuer));
  }

  /**
   * The audit-signing key of {@code role/name} under {@code DIR/audit-keys} (apart from the PKI
   * bundle), created from the drill's CA on first use.
   */
  public Path auditKeyDir(Role role, String name) {
    Path keyDir = dir.resolve("audit-keys").resolve(role.pathSegment() + "-" + name);
    if (!java.nio.file.Files.exists(keyDir.resolve(codefed.pki.AuditSigningKeys.KEY_FILE))) {
      codefed.pki.AuditSigningKeys.issue(
          pki.root(), role, name, keyDir, false, java.time.Clock.systemUTC());
    }
    return keyDir;
  }

  /**
   * The drill witness's state ({@code DIR/witness}): gateways refuse to start on a log it saw
   * longer.
   */
  public Path witnessStateDir() {
    return dir.resolve("witness");
  }

  /** Where the gateway of {@code jurisdiction} keeps the key of its code-id HMAC. */
  public Path hmacKeyFile(String jurisdiction) {
    return dir.resolve("keys").resolve("hmac-" + jurisdiction + ".key");
  }

  @Override
  public void close() {
    faults.close();
    nodes.values().forEach(ProvinceNode::close);
    nodes.clear();
  }
}
