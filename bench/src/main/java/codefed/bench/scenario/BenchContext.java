package codefed.bench.scenario;

import codefed.bench.proc.ChildJvm;
import codefed.bench.proc.GcLog;
import codefed.bench.proc.MeasuredProcess;
import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.signing.SignatureAlgorithms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * What the scenarios of one run share: settings, a throw-away PKI, the child processes (started on
 * first use, stopped at the end), and measurements other scenarios compare with (the baseline, the
 * nginx peer), each taken once per run.
 */
public final class BenchContext implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(BenchContext.class.getName());

  /** The gateway's jurisdiction and the provinces whose nodes the benchmark runs. */
  public static final String JURISDICTION = "150000";

  public static final List<String> NODE_ISSUERS = List.of("140000", "110000", "310000");

  /** Cold scans and the nginx peer go to this province's node. */
  public static final String COLD_ISSUER = "140000";

  /** Distinct codes scanned over and over by the hot scenarios (and looked up by the peer). */
  static final int HOT_CODES = 1000;

  static final String TRUST_DOMAIN = "bench.codefed";
  static final String CHECKPOINT = "checkpoint-1";
  static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  /** All warm-up extensions of one run (JIT still busy); bounds a run's length on a slow host. */
  static final Duration WARMUP_EXTENSION_BUDGET = Duration.ofSeconds(120);

  /** The longest one scenario may take, warm-ups included (reference measurements apart). */
  public static final Duration SCENARIO_LIMIT = Duration.ofSeconds(90);

  private final BenchSettings settings;
  private final Path workDir;
  private final MeasuredProcess generator = MeasuredProcess.self("generator");
  private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
  private long warmupExtensionLeft = WARMUP_EXTENSION_BUDGET.toNanos();

  /** Time spent measuring the baseline and the peer on behalf of the current scenario. */
  private final java.util.Map<String, Long> referenceNanos = new java.util.HashMap<>();

  private PkiDirectory pki;
  private BaselineResult baseline;
  private Nodes nodes;
  private Gateway gateway;
  private boolean sampled;
  private boolean realSample = true;
  private final java.util.Set<String> warmed = new java.util.HashSet<>();
  private final java.util.Map<String, Double> remembered = new java.util.HashMap<>();

  /** Each child JVM's collector log, by process name (a restarted process adds a file). */
  private final java.util.Map<String, List<Path>> gcLogs = new java.util.LinkedHashMap<>();

  private CodePool hotCodes;
  private PeerResult peer;
  private SampleScan sample = SampleScan.synthetic();

  public BenchContext(BenchSettings settings) throws IOException {
    this.settings = settings;
    this.workDir = Files.createTempDirectory("codefed-bench-");
  }

  public BenchSettings settings() {
    return settings;
  }

  public Path workDir() {
    return workDir;
  }

  public Path logDir() {
    return settings.resultsDir().resolve("logs");
  }

  public MeasuredProcess generator() {
    return generator;
  }

  /** A PKI for this run only (deleted at close): CA, node/gateway identities, issuer keys. */
  public synchronized PkiDirectory pki() {
    if (pki == null) {
      List<String> issuers = Stream.concat(Stream.of(JURISDICTION), NODE_ISSUERS.stream()).toList();
      pki =
          new PkiInitializer(Clock.systemUTC())
              .init(
                  new PkiInitializer.InitRequest(
                      workDir.resolve("pki"),
                      TRUST_DOMAIN,
                      issuers,
                      SignatureAlgorithms.DEFAULT,
                      Instant.now().minus(Duration.ofDays(1)),
                      List.of(),
                      false));
    }
    return pki;
  }

  /**
   * A scan request and the gateway's answer to it: the baseline's request and fixed answer. Taken
   * from the real gateway (a repeat scan of a hot code) unless it cannot start.
   */
  public synchronized SampleScan sample() {
    if (!sampled && realSample) {
      sampled = true;
      try {
        sample = SampleScan.capture(gateway(), hotCodes().cycle(0));
      } catch (Exception e) {
        LOG.warning("no real gateway answer to copy; the baseline uses a synthetic one: " + e);
      }
    }
    return sample;
  }

  /** Whether {@link #sample} may start the gateway to copy a real answer (else: synthetic). */
  public synchronized void allowRealSample(boolean allowed) {
    this.realSample = allowed;
  }

  /** The baseline, measured once per run (on first use). */
  public synchronized BaselineResult baseline() throws Exception {
    if (baseline == null) {
      long t0 = System.nanoTime();
      long extensionLeft = warmupExtensionLeft;
      warmupExtensionLeft = scenarioExtensionBudget().toNanos();
      try {
        baseline = BaselineScenario.measure(this);
      } finally {
        warmupExtensionLeft = extensionLeft;
        referenceNanos.merge("baseline", System.nanoTime() - t0, Long::sum);
      }
    }
    return baseline;
  }

  /**
   * A scenario starts: it gets its own warm-up extension budget, sized so that its two load phases
   * and their warm-ups fit {@link #SCENARIO_LIMIT}.
   */
  public synchronized void scenarioStarting() {
    warmupExtensionLeft = Math.min(warmupExtensionLeft, scenarioExtensionBudget().toNanos());
    referenceNanos.clear();
  }

  /**
   * Seconds the current scenario spent measuring the baseline and the peer on its behalf (not
   * counting its own: the baseline scenario's measurement is the scenario).
   */
  public synchronized double referenceSeconds(String scenario) {
    return referenceNanos.entrySet().stream()
            .filter(e -> !e.getKey().equals(scenario))
            .mapToLong(java.util.Map.Entry::getValue)
            .sum()
        / 1e9;
  }

  /**
   * What is left of {@link #SCENARIO_LIMIT} after two phases (max and half), their planned warm-ups
   * and 10 s for starting JVMs and issuing codes: the JIT may extend warm-ups by this.
   */
  Duration scenarioExtensionBudget() {
    Duration planned =
        settings
            .duration()
            .multipliedBy(2)
            .plus(settings.warmup())
            .plus(settings.warmup().dividedBy(2))
            .plus(settings.jitWarmup())
            .plus(Duration.ofSeconds(10));
    Duration left = SCENARIO_LIMIT.minus(planned);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The province nodes' JVM, started on first use. */
  public synchronized Nodes nodes() throws IOException {
    if (nodes == null) {
      nodes = Nodes.start(this);
    }
    return nodes;
  }

  /** The gateway's JVM (federated with the nodes), started on first use. */
  public synchronized Gateway gateway() throws IOException {
    if (gateway == null) {
      gateway = Gateway.start(this, nodes());
    }
    return gateway;
  }

  /** {@link #HOT_CODES} codes of {@link #COLD_ISSUER}, issued once per run. */
  public synchronized CodePool hotCodes() throws IOException {
    if (hotCodes == null) {
      hotCodes = new CodePool(nodes().issue(COLD_ISSUER, HOT_CODES));
    }
    return hotCodes;
  }

  /** The nginx peer, measured once per run (or skipped, with the reason). */
  public synchronized PeerResult peer() throws Exception {
    if (peer == null) {
      long t0 = System.nanoTime();
      long extensionLeft = warmupExtensionLeft;
      warmupExtensionLeft = scenarioExtensionBudget().toNanos();
      try {
        peer = PeerScenario.measure(this);
      } finally {
        warmupExtensionLeft = extensionLeft;
        referenceNanos.merge("peer", System.nanoTime() - t0, Long::sum);
      }
    }
    return peer;
  }

  /** Keeps a number a later scenario may use (e.g. the cold maximum, to pace node-down). */
  public synchronized void remember(String key, double value) {
    remembered.put(key, value);
  }

  public synchronized java.util.OptionalDouble recalled(String key) {
    Double v = remembered.get(key);
    return v == null ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(v);
  }

  /**
   * Grants up to {@code wantedNanos} of warm-up extension from the run's budget; what is not used
   * goes back with {@link #returnWarmupExtension}.
   */
  synchronized long grantWarmupExtension(long wantedNanos) {
    long granted = Math.max(0, Math.min(wantedNanos, warmupExtensionLeft));
    warmupExtensionLeft -= granted;
    return granted;
  }

  synchronized void returnWarmupExtension(long unusedNanos) {
    warmupExtensionLeft += Math.max(0, unusedNanos);
  }

  /** Starts a server JVM (baseline, nodes, gateway) with the run's server JVM options. */
  public ChildJvm startServer(String name, List<String> args) throws IOException {
    return startChild(name, "codefed.bench.server.ServerMain", settings.serverJvmOptions(), args);
  }

  /** Starts a child JVM that is stopped when the run ends. */
  public ChildJvm startChild(
      String name, String mainClass, List<String> jvmOptions, List<String> args)
      throws IOException {
    List<String> options = new java.util.ArrayList<>(jvmOptions);
    if (settings.jfr()) {
      Path jfr = settings.resultsDir().resolve("jfr").resolve(name + ".jfr");
      Files.createDirectories(jfr.getParent());
      options.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr);
    }
    Path gcTemplate = logDir().resolve(name + "-gc-%p.log");
    java.util.Optional<String> gcOption = GcLog.option(gcTemplate);
    gcOption.ifPresent(options::add);
    ChildJvm child =
        ChildJvm.start(name, mainClass, options, args, logDir().resolve(name + ".log"));
    if (gcOption.isPresent()) {
      Path gc =
          gcTemplate.resolveSibling(
              gcTemplate.getFileName().toString().replace("%p", Long.toString(child.pid())));
      synchronized (this) {
        gcLogs.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(gc);
      }
    }
    register(child);
    return child;
  }

  /**
   * The collector pauses of every child JVM started so far that overlap {@code [fromMillis,
   * toMillis]} (epoch ms), by process name: which process stopped, how often and for how long.
   */
  public java.util.Map<String, Object> gcPauses(long fromMillis, long toMillis) {
    java.util.Map<String, List<Path>> logs;
    synchronized (this) {
      logs = new java.util.LinkedHashMap<>(gcLogs);
    }
    java.util.Map<String, Object> byProcess = new java.util.LinkedHashMap<>();
    logs.forEach(
        (name, files) -> {
          List<GcLog.Pause> pauses = new java.util.ArrayList<>();
          for (Path f : files) {
            try {
              pauses.addAll(GcLog.read(f));
            } catch (IOException e) {
              LOG.fine(() -> "collector log " + f + " unreadable: " + e);
            }
          }
          byProcess.put(name, GcLog.summary(pauses, fromMillis, toMillis));
        });
    return byProcess;
  }

  public synchronized void register(AutoCloseable c) {
    closeables.push(c);
  }

  /** The closed-loop maximum at the run's concurrency against {@code servers}. */
  public codefed.bench.load.LoadPlan closedPlan(List<MeasuredProcess> servers) {
    return closedPlan(settings.concurrency(), servers);
  }

  /**
   * The closed-loop maximum at {@code concurrency}; the first phase against a JVM started in this
   * run also gets the JIT warm-up.
   */
  public synchronized codefed.bench.load.LoadPlan closedPlan(
      int concurrency, List<MeasuredProcess> servers) {
    Duration warmup = settings.warmup();
    boolean fresh = false;
    for (MeasuredProcess p : servers) {
      fresh |= warmed.add(p.name());
    }
    if (fresh) {
      warmup = warmup.plus(settings.jitWarmup());
    }
    return codefed.bench.load.LoadPlan.closed(concurrency, warmup, settings.duration());
  }

  public codefed.bench.load.LoadPlan openPlan(double rate) {
    // The target is already warm from its closed-loop phase: half the warm-up is enough.
    return codefed.bench.load.LoadPlan.open(
        rate, settings.warmup().dividedBy(2), settings.duration());
  }

  @Override
  public synchronized void close() {
    while (!closeables.isEmpty()) {
      AutoCloseable c = closeables.pop();
      try {
        c.close();
      } catch (Exception e) {
        LOG.warning("stopping " + c + " failed: " + e);
      }
    }
    deleteTree(workDir);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // best effort: a temp dir
                }
              });
    } catch (IOException e) {
      LOG.fine("cannot delete " + dir + ": " + e);
    }
  }
}
