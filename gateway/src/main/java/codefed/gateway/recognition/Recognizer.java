package codefed.gateway.recognition;

import codefed.gateway.audit.AuditUnavailableException;
import codefed.gateway.audit.DecisionLog;
import codefed.gateway.audit.seal.EvidenceSealer;
import codefed.gateway.policy.Policy;
import codefed.gateway.policy.PolicyBook;
import codefed.gateway.status.StatusLookup;
import codefed.gateway.status.StatusSource;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.CodeFacts;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.ColorSnapshot;
import healthcode.federation.v1.StatusAssertion;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One decision per scan, in DESIGN.md's order: verify (step 1), then {@link DecisionRules}
 * (recognition, expiry), the issuer's status only when those leave the decision open (step 4),
 * evaluation (step 5), and the audit record before the answer (step 6). Thread-safe.
 */
public final class Recognizer {
  private static final Logger LOG = Logger.getLogger(Recognizer.class.getName());

  private final String gateway;
  private final String jurisdiction;
  private final Supplier<PolicyBook> policies;
  private final CodeVerifier verifier;
  private final StatusSource status;
  private final DecisionLog log;
  private final CodeIdHasher hasher;
  private final EvidenceSealer sealer;
  private final Clock clock;
  private final RecognitionListener listener;

  private Recognizer(Builder b) {
    this.gateway = Objects.requireNonNull(b.gateway, "gateway");
    this.jurisdiction = Objects.requireNonNull(b.jurisdiction, "jurisdiction");
    this.policies = Objects.requireNonNull(b.policies, "policies");
    this.verifier = Objects.requireNonNull(b.verifier, "verifier");
    this.status = Objects.requireNonNull(b.status, "status");
    this.log = Objects.requireNonNull(b.log, "log");
    this.hasher = Objects.requireNonNull(b.hasher, "hasher");
    this.sealer = Objects.requireNonNull(b.sealer, "sealer");
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.listener = Objects.requireNonNull(b.listener, "listener");
  }

  public static Builder builder() {
    return new Builder();
  }

  public String jurisdiction() {
    return jurisdiction;
  }

  /**
   * Decides one scan and records it.
   *
   * @throws AuditUnavailableException if the decision could not be recorded; no decision may then
   *     be given
   */
  public RecognitionAnswer recognize(ScanRequest scan) throws AuditUnavailableException {
    Decided d;
    try {
      d = decide(scan).toCompletableFuture().join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    return d.answer(log.append(d.record()));
  }

  /**
   * {@link #recognize} without waiting: steps 1 to 3 run on the calling thread; when the issuer's
   * status is needed the decision continues where the node's answer arrives (no thread waits on a
   * node), and the stage completes with the answer once the record is durable, on the log's writer
   * thread, or exceptionally with {@link AuditUnavailableException}. Nothing is answered before its
   * record is on disk.
   */
  public CompletionStage<RecognitionAnswer> recognizeAsync(ScanRequest scan) {
    return decide(scan).thenCompose(d -> log.appendAsync(d.record()).thenApply(d::answer));
  }

  /** Steps 1 to 5 and the record that step 6 appends. */
  private CompletionStage<Decided> decide(ScanRequest scan) {
    Instant now = clock.instant();
    Policy policy = policies.get().inForce(jurisdiction, now).orElse(null);
    Verification v = verify(scan.qrText(), now);
    DecisionInput input =
        DecisionInput.beforeStatus(
            now, jurisdiction, scan.checkpointType(), scan.temperatureCelsius(), v.facts());
    if (!DecisionRules.statusNeeded(policy, input)) {
      return CompletableFuture.completedFuture(decided(scan, v, policy, input));
    }
    return withStatus(input, v.payload().orElseThrow(), policy)
        .thenApply(in -> decided(scan, v, policy, in));
  }

  private Decided decided(ScanRequest scan, Verification v, Policy policy, DecisionInput input) {
    DecisionResult result = DecisionRules.decide(policy, input);
    AuditRecord record =
        AuditRecords.decision(context(scan.checkpointId(), v), input, policy, result);
    return new Decided(input, result, v, policy, record);
  }

  /** A decision whose record is about to be appended. */
  private final class Decided {
    private final DecisionInput input;
    private final DecisionResult result;
    private final Verification verification;
    private final Policy policy;
    private final AuditRecord record;

    Decided(
        DecisionInput input,
        DecisionResult result,
        Verification verification,
        Policy policy,
        AuditRecord record) {
      this.input = input;
      this.result = result;
      this.verification = verification;
      this.policy = policy;
      this.record = record;
    }

    AuditRecord record() {
      return record;
    }

    /** The answer, once the record is durable under {@code sequence}. */
    RecognitionAnswer answer(long sequence) {
      listener.decided(
          verification.facts().getIssuer(), result.outcome(), input.fromCache(), result.offline());
      return Recognizer.answer(input, result, verification, policy, sequence);
    }
  }

  /**
   * Records a manual verification by checkpoint staff.
   *
   * @throws AuditUnavailableException if it could not be recorded
   */
  public ManualReceipt recordManual(ManualRequest manual) throws AuditUnavailableException {
    Instant now = clock.instant();
    Policy policy = policies.get().inForce(jurisdiction, now).orElse(null);
    Verification v = manual.qrText().map(qr -> verify(qr, now)).orElse(Verification.NONE);
    AuditRecord record =
        AuditRecords.manual(
            context(manual.checkpointId(), v),
            now,
            jurisdiction,
            manual.checkpointType(),
            manual.temperatureCelsius(),
            v.facts(),
            policy,
            manual.method(),
            manual.outcome(),
            manual.measures(),
            manual.note());
    long sequence = log.append(record);
    listener.manualRecorded(manual.outcome());
    return new ManualReceipt(sequence, now);
  }

  /** Step 1. */
  private Verification verify(String qrText, Instant now) {
    try {
      VerifiedPayload verified = verifier.verify(qrText, now);
      return new Verification(Optional.of(verified), facts(verified));
    } catch (UnverifiableCodeException e) {
      return new Verification(Optional.empty(), AuditRecords.rejected(e.getMessage()));
    }
  }

  /** Step 4: the issuer's answer (fresh or cached), or the node is treated as unreachable. */
  private CompletionStage<DecisionInput> withStatus(
      DecisionInput input, VerifiedPayload verified, Policy policy) {
    CodePayload payload = verified.payload();
    Optional<ColorSnapshot> snapshot =
        payload.hasColorSnapshot() ? Optional.of(payload.getColorSnapshot()) : Optional.empty();
    CompletionStage<StatusLookup> lookup;
    try {
      lookup =
          status.lookupAsync(
              payload.getIssuer(), payload.getCodeId().toByteArray(), policy.cacheFreshness());
    } catch (RuntimeException e) {
      return CompletableFuture.completedFuture(sourceFailed(input, payload, snapshot, e));
    }
    return lookup.handle(
        (found, failure) ->
            failure != null
                ? sourceFailed(input, payload, snapshot, failure)
                : withAnswer(input, payload, policy, snapshot, found));
  }

  /** The status source failing must degrade to the offline path, never lose the scan. */
  private static DecisionInput sourceFailed(
      DecisionInput input, CodePayload payload, Optional<ColorSnapshot> snapshot, Throwable e) {
    LOG.log(
        Level.WARNING,
        "status source failed for issuer " + payload.getIssuer() + ", treated as unreachable",
        e);
    return input.withNodeUnreachable(snapshot);
  }

  private DecisionInput withAnswer(
      DecisionInput input,
      CodePayload payload,
      Policy policy,
      Optional<ColorSnapshot> snapshot,
      StatusLookup lookup) {
    if (lookup instanceof StatusLookup.Found found) {
      AssertedStatus asserted;
      try {
        // Decide from exactly the signed bytes the record keeps, so that replay sees the same.
        asserted = AssertedStatus.of(found.signed());
      } catch (IllegalArgumentException e) {
        return refused(input, payload, "unparsable_assertion", snapshot);
      }
      StatusAssertion a = asserted.assertion();
      if (!a.getIssuer().equals(payload.getIssuer())) {
        return refused(input, payload, "assertion_wrong_issuer", snapshot);
      }
      if (!a.getCodeId().equals(payload.getCodeId())) {
        return refused(input, payload, "assertion_wrong_code", snapshot);
      }
      if (DecisionRules.assertionAhead(policy, input.scannedAt(), a)) {
        LOG.warning(
            "issuer "
                + payload.getIssuer()
                + " answered with asserted_at ahead of the gateway clock by more than "
                + policy.clockSkewTolerance()
                + "; handled as unreachable");
        listener.securityEvent(payload.getIssuer(), "assertion_ahead_of_clock");
        return input.withStatusAhead(asserted, snapshot, found.fromCache());
      }
      return input.withStatus(asserted, found.fromCache());
    }
    StatusLookup.Unreachable unreachable = (StatusLookup.Unreachable) lookup;
    LOG.fine(() -> "issuer " + payload.getIssuer() + " unreachable: " + unreachable.why());
    return input.withNodeUnreachable(snapshot);
  }

  /** An answer that is not about this code from this issuer: a security event; node as if down. */
  private DecisionInput refused(
      DecisionInput input, CodePayload payload, String kind, Optional<ColorSnapshot> snapshot) {
    LOG.warning(
        "security event "
            + kind
            + ": answer for a code of issuer "
            + payload.getIssuer()
            + " refused, handled as if the node were down");
    listener.securityEvent(payload.getIssuer(), kind);
    return input.withNodeUnreachable(snapshot);
  }

  private AuditRecords.Context context(String checkpointId, Verification v) {
    ByteString hmac =
        v.payload().map(p -> hasher.hash(p.payload().getCodeId())).orElse(ByteString.EMPTY);
    return new AuditRecords.Context(gateway, checkpointId, hmac, hasher.keyId(), sealer);
  }

  private static RecognitionAnswer answer(
      DecisionInput input, DecisionResult result, Verification v, Policy policy, long sequence) {
    String maskedName = v.payload().map(p -> p.payload().getMaskedName()).orElse("");
    String maskedId = v.payload().map(p -> p.payload().getMaskedIdNumber()).orElse("");
    Optional<Instant> assertedAt = Optional.empty();
    if (input.status().isPresent()
        && input.nodeReachable()
        && input.status().get().assertion().hasAssertedAt()) {
      assertedAt =
          Optional.of(Timestamps.toInstant(input.status().get().assertion().getAssertedAt()));
    }
    if (input.status().isPresent()) {
      StatusAssertion a = input.status().get().assertion();
      maskedName = a.getMaskedName().isEmpty() ? maskedName : a.getMaskedName();
      maskedId = a.getMaskedIdNumber().isEmpty() ? maskedId : a.getMaskedIdNumber();
    }
    return new RecognitionAnswer(
        result,
        input.code().getIssuer(),
        maskedName,
        maskedId,
        input.code().getProxyDeclared(),
        policy == null ? "" : policy.id(),
        input.fromCache(),
        sequence,
        input.scannedAt(),
        assertedAt);
  }

  private static CodeFacts facts(VerifiedPayload verified) {
    CodePayload p = verified.payload();
    return CodeFacts.newBuilder()
        .setIssuer(p.getIssuer())
        .setIssuedAt(p.getIssuedAt())
        .setExpiresAt(p.getExpiresAt())
        .setKeyId(verified.keyId())
        .setProxyDeclared(p.getProxyDeclared())
        .build();
  }

  /** Step 1's outcome: the verified payload, or none and the facts naming the rejection. */
  private record Verification(Optional<VerifiedPayload> payload, CodeFacts facts) {
    static final Verification NONE =
        new Verification(Optional.empty(), CodeFacts.getDefaultInstance());
  }

  /** Builds a {@link Recognizer}; every dependency is required but the listener. */
  public static final class Builder {
    private String gateway;
    private String jurisdiction;
    private Supplier<PolicyBook> policies;
    private CodeVerifier verifier;
    private StatusSource status;
    private DecisionLog log;
    private CodeIdHasher hasher;
    private EvidenceSealer sealer;
    private Clock clock;
    private RecognitionListener listener = RecognitionListener.NONE;

    private Builder() {}

    /** The gateway's identity name, written into every record. */
    public Builder gateway(String v) {
      this.gateway = v;
      return this;
    }

    /** The province whose policies apply, e.g. "150000". */
    public Builder jurisdiction(String v) {
      this.jurisdiction = v;
      return this;
    }

    public Builder policies(Supplier<PolicyBook> v) {
      this.policies = v;
      return this;
    }

    public Builder verifier(CodeVerifier v) {
      this.verifier = v;
      return this;
    }

    public Builder status(StatusSource v) {
      this.status = v;
      return this;
    }

    public Builder log(DecisionLog v) {
      this.log = v;
      return this;
    }

    public Builder hasher(CodeIdHasher v) {
      this.hasher = v;
      return this;
    }

    /** Seals the node's answers and staff notes for the auditors. */
    public Builder sealer(EvidenceSealer v) {
      this.sealer = v;
      return this;
    }

    public Builder clock(Clock v) {
      this.clock = v;
      return this;
    }

    public Builder listener(RecognitionListener v) {
      this.listener = v;
      return this;
    }

    public Recognizer build() {
      return new Recognizer(this);
    }
  }
}
