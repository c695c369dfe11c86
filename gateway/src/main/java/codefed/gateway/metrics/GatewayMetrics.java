package codefed.gateway.metrics;

import codefed.gateway.audit.WriterState;
import codefed.gateway.recognition.EnumNames;
import codefed.gateway.recognition.RecognitionListener;
import codefed.gateway.status.StatusListener;
import healthcode.federation.v1.Outcome;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway's metrics, fed by the recognizer, the status source, the rate limiter and the
 * authentication interceptor, and rendered in the Prometheus text format. Thread-safe.
 */
public final class GatewayMetrics implements StatusListener, RecognitionListener {
  /** Label for codes that failed verification: their claimed issuer is not trusted. */
  static final String UNVERIFIED = "unverified";

  private final Counters decisions =
      new Counters(
          "codefed_decisions_total", "Decisions by outcome and issuer.", "outcome", "issuer");
  private final Counters offline =
      new Counters(
          "codefed_offline_decisions_total",
          "Decisions made from a code's color snapshot while its issuer was unreachable.",
          "issuer");
  private final Counters manual =
      new Counters(
          "codefed_manual_verifications_total",
          "Manual verifications recorded by checkpoint staff.",
          "outcome");
  private final Counters cache =
      new Counters(
          "codefed_status_cache_total",
          "Status lookups answered from the cache (hit) or by the issuer's node (miss).",
          "issuer",
          "result");
  private final Counters changes =
      new Counters(
          "codefed_status_changes_total",
          "Status changes announced by issuers' change streams (each invalidates a cached answer).",
          "issuer");
  private final LatencyHistogram nodeCalls =
      new LatencyHistogram(
          "codefed_node_call_seconds", "Latency of calls to issuers' nodes.", "issuer", "outcome");
  private final Map<String, String> circuits = new ConcurrentHashMap<>();
  private final Map<String, Long> streamSequence = new ConcurrentHashMap<>();
  private final Map<String, Boolean> streamUp = new ConcurrentHashMap<>();
  private final Counters rateLimited =
      new Counters(
          "codefed_rate_limited_total",
          "Scans refused because a checkpoint exceeded its rate.",
          "checkpoint");
  private final Counters security =
      new Counters(
          "codefed_security_events_total",
          "Security events: answers or identities that did not belong to the issuer, refused callers.",
          "issuer",
          "kind");
  private final TrustMetrics trust = new TrustMetrics();
  private volatile WriterState auditWriter;
  private final LongAdder auditWriteFailures = new LongAdder();

  @Override
  public void decided(String issuer, Outcome outcome, boolean fromCache, boolean wasOffline) {
    String who = issuer.isEmpty() ? UNVERIFIED : issuer;
    decisions.inc(EnumNames.designName(outcome), who);
    if (wasOffline) {
      offline.inc(who);
    }
  }

  @Override
  public void manualRecorded(Outcome outcome) {
    manual.inc(EnumNames.designName(outcome));
  }

  @Override
  public void securityEvent(String issuer, String kind) {
    security.inc(issuer, kind);
  }

  @Override
  public void nodeCall(String issuer, long nanos, String outcome) {
    nodeCalls.observe(nanos, issuer, outcome);
  }

  @Override
  public void cacheHit(String issuer) {
    cache.inc(issuer, "hit");
  }

  @Override
  public void cacheMiss(String issuer) {
    cache.inc(issuer, "miss");
  }

  @Override
  public void statusChanged(String issuer, long sequence) {
    changes.inc(issuer);
    streamSequence.merge(issuer, sequence, Math::max);
  }

  /** The last change-stream sequence applied for {@code issuer} (0 before the first change). */
  public long statusSequence(String issuer) {
    return streamSequence.getOrDefault(issuer, 0L);
  }

  /** Changes received from {@code issuer}'s change stream so far. */
  public long statusChanges(String issuer) {
    return changes.get(issuer);
  }

  @Override
  public void changeStreamUp(String issuer, boolean up) {
    streamUp.put(issuer, up);
  }

  /** Whether {@code issuer}'s change stream was last reported up (false if never reported). */
  public boolean changeStreamUp(String issuer) {
    return streamUp.getOrDefault(issuer, false);
  }

  @Override
  public void circuitState(String issuer, String state) {
    circuits.put(issuer, state);
  }

  /** A checkpoint was refused a scan by the rate limiter. */
  public void rateLimited(String checkpoint) {
    rateLimited.inc(checkpoint);
  }

  /** A call was refused by authentication or authorization. */
  public void callRefused(String method, String code) {
    security.inc("", "refused_" + code.toLowerCase(Locale.ROOT));
  }

  /** The audit log's writer changed state; a change to FAILED is a write or fsync error. */
  public void auditWriter(WriterState state) {
    if (state == WriterState.FAILED && auditWriter != WriterState.FAILED) {
      auditWriteFailures.increment();
    }
    auditWriter = state;
  }

  /**
   * 1 while the audit writer is up, 0 when it failed or is stuck, -1 before an audit log is
   * watched.
   */
  public int auditWriterUp() {
    WriterState s = auditWriter;
    return s == null ? -1 : s == WriterState.UP ? 1 : 0;
  }

  public long auditWriteFailures() {
    return auditWriteFailures.sum();
  }

  public long decisions(String outcome, String issuer) {
    return decisions.get(outcome, issuer);
  }

  public long rateLimitRejections(String checkpoint) {
    return rateLimited.get(checkpoint);
  }

  public long securityEvents(String issuer, String kind) {
    return security.get(issuer, kind);
  }

  /** Handshake failures and trust list / CRL expiry. */
  public TrustMetrics trust() {
    return trust;
  }

  /** The metrics in the Prometheus text exposition format. */
  public String render() {
    PrometheusText text = new PrometheusText();
    decisions.render(text);
    offline.render(text);
    manual.render(text);
    cache.render(text);
    text.header(
        "codefed_status_cache_hit_ratio",
        "Share of status lookups answered from the cache.",
        "gauge");
    Map<String, long[]> byIssuer = new TreeMap<>();
    cache
        .snapshot()
        .forEach(
            (labels, v) ->
                byIssuer
                        .computeIfAbsent(labels.get(0), k -> new long[2])[
                        labels.get(1).equals("hit") ? 0 : 1] +=
                    v);
    byIssuer.forEach(
        (issuer, hm) ->
            text.sample(
                "codefed_status_cache_hit_ratio",
                List.of("issuer"),
                List.of(issuer),
                hm[0] + hm[1] == 0 ? 0 : (double) hm[0] / (hm[0] + hm[1])));
    changes.render(text);
    text.header(
        "codefed_status_stream_sequence",
        "Last change-stream sequence applied, per issuer.",
        "gauge");
    new TreeMap<>(streamSequence)
        .forEach(
            (issuer, seq) ->
                text.sample(
                    "codefed_status_stream_sequence", List.of("issuer"), List.of(issuer), seq));
    text.header(
        "codefed_change_stream_up",
        "1 while the issuer's change stream delivers changes or heartbeats within the silence limit.",
        "gauge");
    new TreeMap<>(streamUp)
        .forEach(
            (issuer, up) ->
                text.sample(
                    "codefed_change_stream_up", List.of("issuer"), List.of(issuer), up ? 1 : 0));
    nodeCalls.render(text);
    text.header(
        "codefed_circuit_state",
        "Per-issuer circuit breaker state (1 for the current state).",
        "gauge");
    new TreeMap<>(circuits)
        .forEach(
            (issuer, state) ->
                text.sample(
                    "codefed_circuit_state",
                    List.of("issuer", "state"),
                    List.of(issuer, state),
                    1));
    rateLimited.render(text);
    security.render(text);
    trust.render(text);
    if (auditWriter != null) {
      text.header(
          "codefed_audit_writer_up",
          "1 while the audit log writer makes records durable in time; 0 when it failed or is stuck (scans get UNAVAILABLE).",
          "gauge");
      text.sample("codefed_audit_writer_up", List.of(), List.of(), auditWriterUp());
    }
    text.header(
        "codefed_audit_fsync_failures_total",
        "Audit log write or fsync errors (each stops the writer until a restart recovers the log).",
        "counter");
    text.sample(
        "codefed_audit_fsync_failures_total", List.of(), List.of(), auditWriteFailures.sum());
    return text.toString();
  }
}
