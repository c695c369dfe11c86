package codefed.bench.audit;

import codefed.gateway.audit.AuditLog;
import codefed.gateway.audit.AuditLogOptions;
import codefed.gateway.audit.CheckpointSignatures;
import codefed.gateway.audit.seal.EvidenceSealer;
import codefed.gateway.policy.Policy;
import codefed.gateway.policy.PolicyParser;
import codefed.gateway.recognition.AssertedStatus;
import codefed.gateway.recognition.AuditRecords;
import codefed.gateway.recognition.DecisionInput;
import codefed.gateway.recognition.DecisionRules;
import codefed.pki.PkiDirectory;
import codefed.pki.PkiInitializer;
import codefed.signing.Signer;
import codefed.signing.SigningDomain;
import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.SignatureAlgorithm;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A gateway's audit log as the gateway writes it, without a gateway: a federation PKI made by
 * {@code certs init}'s code, decisions reached by the gateway's own rules under a shipped policy,
 * node answers signed with the issuer's real key and sealed to the auditors' key, appended through
 * {@link AuditLog}. Mixed like a busy border: most scans are hot (the issuer's answer comes from
 * the cache, so many records carry the same signed answer), the rest cold (a fresh answer each).
 * Fixed seed: the same decisions each run.
 */
public final class GatewayLikeLog {
  public static final String GATEWAY = "150000";
  static final List<String> ISSUERS = List.of("140000", "110000", "420000");
  static final Instant T0 = Instant.parse("2021-02-01T00:00:00Z");

  /** Scans 100 µs apart: a gateway at 10,000 decisions/s. */
  static final Duration SPACING = Duration.ofNanos(100_000);

  private static final String POLICY = "policies/150000-2021-01-31.textproto";

  private final PkiDirectory pki;
  private final Policy policy;
  private final EvidenceSealer sealer;
  private final List<Signer> issuerSigners = new ArrayList<>();
  private final double hotShare;
  private final int hotCodes;
  private final java.util.concurrent.ConcurrentHashMap<Integer, SignedAssertion> cached =
      new java.util.concurrent.ConcurrentHashMap<>();

  private GatewayLikeLog(PkiDirectory pki, double hotShare, int hotCodes) throws IOException {
    this.pki = pki;
    this.hotShare = hotShare;
    this.hotCodes = hotCodes;
    this.sealer = EvidenceSealer.fromPki(pki, Instant.now());
    for (String issuer : ISSUERS) {
      issuerSigners.add(pki.issuerSigner(issuer));
    }
    try (InputStream in = GatewayLikeLog.class.getClassLoader().getResourceAsStream(POLICY)) {
      if (in == null) {
        throw new IOException(POLICY + ": not on the class path");
      }
      policy = PolicyParser.parse(POLICY, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (codefed.gateway.policy.PolicyException e) {
      throw new IOException(POLICY + ": " + e.problems(), e);
    }
  }

  /**
   * A generator over the PKI at {@code pkiDir}, created there first if missing.
   *
   * @param hotShare the share of scans answered from the cache (0..1)
   * @param hotCodes how many distinct codes the hot scans cycle through
   */
  public static GatewayLikeLog create(Path pkiDir, double hotShare, int hotCodes)
      throws IOException {
    if (hotShare < 0 || hotShare > 1) {
      throw new IllegalArgumentException("hotShare: " + hotShare + " (expected: 0..1)");
    }
    if (hotCodes < 1) {
      throw new IllegalArgumentException("hotCodes: " + hotCodes + " (expected: >= 1)");
    }
    PkiDirectory pki =
        Files.exists(pkiDir.resolve("pki.properties"))
            ? PkiDirectory.open(pkiDir)
            : new PkiInitializer(Clock.systemUTC())
                .init(
                    new PkiInitializer.InitRequest(
                        pkiDir,
                        "bench.codefed",
                        List.of(GATEWAY, "140000", "110000", "420000"),
                        SignatureAlgorithm.SIGNATURE_ALGORITHM_ED25519,
                        Instant.parse("2020-01-01T00:00:00Z"),
                        List.of(),
                        false));
    return new GatewayLikeLog(pki, hotShare, hotCodes);
  }

  public PkiDirectory pki() {
    return pki;
  }

  /** The auditors' private key file, for {@code audit verify --auditor-key}. */
  public Path auditorKey() {
    return pki.auditorSealKeyPath();
  }

  /**
   * Appends decisions {@code from} .. {@code from + count - 1} (the same decisions for the same
   * numbers) to the log at {@code logDir}, opening or creating it; returns the wall and CPU seconds
   * spent in appends only.
   */
  public double[] append(Path logDir, int from, int count) throws Exception {
    AuditRecord[] records = new AuditRecord[count];
    java.util.stream.IntStream.range(0, count)
        .parallel()
        .forEach(i -> records[i] = decision(from + i));
    AuditLogOptions options =
        AuditLogOptions.defaults(GATEWAY, CheckpointSignatures.gatewaySigner(pki, GATEWAY))
            .withClock(
                Clock.fixed(
                    T0.plus(SPACING.multipliedBy(from + (long) count)), java.time.ZoneOffset.UTC));
    long start = System.nanoTime();
    long cpu = AuditVerifyBench.cpuNanos();
    try (AuditLog log = AuditLog.open(logDir, options)) {
      log.archivePolicy(policy.contentHash(), policy.documentText());
      List<CompletableFuture<Long>> pending = new ArrayList<>();
      for (AuditRecord r : records) {
        pending.add(log.appendAsync(r).toCompletableFuture());
        if (pending.size() == 512) {
          drain(pending);
        }
      }
      drain(pending);
      log.checkpoint();
    }
    return new double[] {
      (System.nanoTime() - start) / 1e9, (AuditVerifyBench.cpuNanos() - cpu) / 1e9
    };
  }

  private static void drain(List<CompletableFuture<Long>> pending) throws Exception {
    for (CompletableFuture<Long> f : pending) {
      f.get(60, TimeUnit.SECONDS);
    }
    pending.clear();
  }

  /** Decision number {@code n}: the same each time (its own seeded random numbers). */
  private AuditRecord decision(int n) {
    SplittableRandom random = new SplittableRandom(0x5eedL * 1_000_003L + n);
    Instant at = T0.plus(SPACING.multipliedBy(n));
    boolean hot = random.nextDouble() < hotShare;
    int code = hot ? random.nextInt(hotCodes) : hotCodes + n;
    int issuer = code % ISSUERS.size();
    // A hot code's answer was fetched once, before the run, and is served from the cache since:
    // the same signed bytes (Ed25519 signatures are deterministic) in every record of that code.
    SignedAssertion signed =
        hot
            ? cached.computeIfAbsent(code, c -> sign(issuer, c, T0, new SplittableRandom(c)))
            : sign(issuer, code, at, random);
    CodeFacts facts =
        CodeFacts.newBuilder()
            .setIssuer(ISSUERS.get(issuer))
            .setKeyId(issuerSigners.get(issuer).keyId())
            .setIssuedAt(ts(at.minus(Duration.ofHours(30))))
            .setExpiresAt(ts(at.plus(Duration.ofDays(13))))
            .build();
    OptionalDouble temperature = OptionalDouble.of(36.0 + random.nextInt(20) / 10.0);
    DecisionInput input =
        DecisionInput.beforeStatus(
                at, GATEWAY, CheckpointType.CHECKPOINT_TYPE_TRAFFIC, temperature, facts)
            .withStatus(AssertedStatus.of(signed), hot);
    byte[] hmac = new byte[32];
    hmac[0] = (byte) (code >>> 24);
    hmac[1] = (byte) (code >>> 16);
    hmac[2] = (byte) (code >>> 8);
    hmac[3] = (byte) code;
    AuditRecords.Context ctx =
        new AuditRecords.Context(
            GATEWAY, "checkpoint-" + (1 + n % 8), ByteString.copyFrom(hmac), "hmac-bench", sealer);
    return AuditRecords.decision(ctx, input, policy, DecisionRules.decide(policy, input));
  }

  private SignedAssertion sign(int issuer, int code, Instant at, SplittableRandom random) {
    int roll = random.nextInt(100);
    Color color = roll < 90 ? Color.COLOR_GREEN : roll < 97 ? Color.COLOR_YELLOW : Color.COLOR_RED;
    byte[] nonce = new byte[16];
    random.nextBytes(nonce);
    StatusAssertion a =
        StatusAssertion.newBuilder()
            .setIssuer(ISSUERS.get(issuer))
            .setCodeId(ByteString.copyFromUtf8(String.format("code-%012d", code)))
            .setState(CodeState.CODE_STATE_ACTIVE)
            .setColor(color)
            .setMaskedName("*" + (char) ('A' + code % 26))
            .setMaskedIdNumber("1************" + (code % 10))
            .setAssertedAt(ts(at.minusMillis(random.nextInt(1000))))
            .setValidUntil(ts(at.plus(Duration.ofMinutes(5))))
            .setNonce(ByteString.copyFrom(nonce))
            .setStatusSequence(code)
            .build();
    Signer signer = issuerSigners.get(issuer);
    byte[] bytes = a.toByteArray();
    return SignedAssertion.newBuilder()
        .setAssertion(ByteString.copyFrom(bytes))
        .setKeyId(signer.keyId())
        .setSignature(ByteString.copyFrom(signer.sign(SigningDomain.ASSERTION, bytes)))
        .build();
  }

  private static Timestamp ts(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }
}
