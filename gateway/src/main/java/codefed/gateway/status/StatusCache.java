package codefed.gateway.status;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Verified node answers keyed by issuer and code id, invalidated by the issuers' change streams.
 *
 * <p>The one promise: once the gateway has received a change event for a code, no answer that
 * predates the change is served for it. Four mechanisms keep it: a change event removes the entry
 * unless the entry already reflects it; a fetch in flight when the event arrives is marked and its
 * answer is not inserted unless it reflects the change; the last change applied per code is
 * remembered (as long as answers are), so an answer fetched later that still predates it — a
 * lagging node address, say — is refused too; a gap in the stream starts a new generation for the
 * issuer, so its older entries and fetches still in flight are ignored. Events and inserts for one
 * code are serialized by the cache's per-key {@code compute}.
 *
 * <p>Entries are compact ({@link StatusKey}, {@link CachedStatus}: about 400 bytes each with the
 * cache's own bookkeeping) so that a million answers fit in 512 MiB of heap.
 */
final class StatusCache {

  /** What {@link #complete} did with an answer. */
  enum Completion {
    /** Inserted. */
    CACHED,
    /** Not inserted: the cache already holds an answer reflecting a later change. */
    KEPT_NEWER,
    /** Not inserted: the issuer's stream lost events while the answer was in flight. */
    RESET,
    /**
     * Not inserted, and not to be used: the answer predates a change already applied for the code
     * (announced before or while it was in flight).
     */
    STALE
  }

  /** A fetch between {@link #begin} and {@link #complete}/{@link #abandon}. */
  static final class Fetch {
    private final StatusKey key;
    private final Pending pending;
    private final long generation;
    private final long sequenceAtStart;
    private final long appliedAtStart;
    private boolean finished;

    private Fetch(
        StatusKey key,
        Pending pending,
        long generation,
        long sequenceAtStart,
        long appliedAtStart) {
      this.key = key;
      this.pending = pending;
      this.generation = generation;
      this.sequenceAtStart = sequenceAtStart;
      this.appliedAtStart = appliedAtStart;
    }
  }

  /**
   * Fetches in flight for one key, and the highest change sequence seen while they were. {@code
   * fetches} is guarded by the {@code pending} map's compute, {@code changedAt} by the cache's
   * compute on the same key (both per-key locks), which also orders it against inserts.
   */
  private static final class Pending {
    int fetches;
    long changedAt = -1;
  }

  /** Per-issuer stream bookkeeping. */
  private static final class IssuerState {
    final AtomicLong generation = new AtomicLong();
    final AtomicLong lastSequence = new AtomicLong();
  }

  private final Cache<StatusKey, CachedStatus> cache;

  /** The last change sequence applied per code, kept as long as answers are kept. */
  private final Cache<StatusKey, Long> applied;

  private final Clock clock;
  private final ConcurrentMap<StatusKey, Pending> pending = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, IssuerState> issuers = new ConcurrentHashMap<>();

  StatusCache(int maxEntries, Duration retention, Clock clock) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries: " + maxEntries + " (expected: > 0)");
    }
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("retention: " + retention + " (expected: > 0)");
    }
    this.clock = clock;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfterWrite(retention)
            .ticker(tickerOf(clock))
            .executor(Runnable::run)
            .build();
    this.applied =
        Caffeine.newBuilder()
            .maximumSize(maxEntries)
            .expireAfterWrite(retention)
            .ticker(tickerOf(clock))
            .executor(Runnable::run)
            .build();
  }

  /** Caffeine's time source derived from the injected clock, so tests move one clock. */
  static Ticker tickerOf(Clock clock) {
    return () -> nanos(clock.instant());
  }

  /** The entry for {@code key} if it is younger than {@code maxAge} and still valid at now. */
  Optional<CachedStatus> fresh(StatusKey key, Duration maxAge) {
    CachedStatus entry = cache.getIfPresent(key);
    if (entry == null || entry.generation() != state(key.issuer()).generation.get()) {
      return Optional.empty();
    }
    long now = nanos(clock.instant());
    if (now < entry.fetchedAt()) {
      return Optional.empty(); // the clock was set back; the answer is from "later"
    }
    long age = now - entry.fetchedAt();
    if (age < 0 || age >= saturatedNanos(maxAge)) { // age < 0: overflow, centuries old
      return Optional.empty();
    }
    if (entry.validUntil() != CachedStatus.NO_VALID_UNTIL && now >= entry.validUntil()) {
      return Optional.empty();
    }
    return Optional.of(entry);
  }

  /** Registers a fetch before the request is sent, so change events during it are noticed. */
  Fetch begin(StatusKey key) {
    Pending p =
        pending.compute(
            key,
            (k, old) -> {
              Pending n = old == null ? new Pending() : old;
              n.fetches++;
              return n;
            });
    IssuerState s = state(key.issuer());
    // Read after registering: a change applied from now on marks the pending fetch instead.
    Long appliedSeq = applied.getIfPresent(key);
    return new Fetch(
        key, p, s.generation.get(), s.lastSequence.get(), appliedSeq == null ? -1 : appliedSeq);
  }

  /**
   * Offers a fetched answer to the cache. It is dropped if the issuer's generation changed, if a
   * change event that the answer does not reflect arrived while it was in flight, or if the cache
   * holds an answer that reflects a later change.
   *
   * <p>Ends the fetch.
   *
   * @param assertion {@code signed}'s assertion as the verifier parsed it
   * @param signed the answer as received; the cache keeps its serialized bytes
   */
  Completion complete(Fetch fetch, StatusAssertion assertion, SignedAssertion signed) {
    long reflects =
        assertion.getStatusSequence() > 0 ? assertion.getStatusSequence() : fetch.sequenceAtStart;
    // Built outside the per-key lock; dropped if not inserted.
    CachedStatus entry =
        CachedStatus.of(assertion, signed, nanos(clock.instant()), reflects, fetch.generation);
    Completion[] result = {Completion.CACHED};
    IssuerState s = state(fetch.key.issuer());
    cache
        .asMap()
        .compute(
            fetch.key,
            (k, old) -> {
              if (fetch.pending.changedAt > reflects) {
                result[0] = Completion.STALE;
                return old;
              }
              if (s.generation.get() != fetch.generation) {
                result[0] = Completion.RESET;
                return old;
              }
              if (fetch.appliedAtStart > reflects) {
                result[0] = Completion.STALE;
                return old;
              }
              if (old != null
                  && old.generation() == fetch.generation
                  && old.reflects() > reflects) {
                result[0] = Completion.KEPT_NEWER;
                return old;
              }
              return entry;
            });
    abandon(fetch);
    return result[0];
  }

  /** Ends a fetch that produced nothing to cache. Idempotent. */
  void abandon(Fetch fetch) {
    if (fetch.finished) {
      return;
    }
    fetch.finished = true;
    pending.computeIfPresent(fetch.key, (k, p) -> --p.fetches == 0 ? null : p);
  }

  /** A change event from the issuer's stream: the code's older answers are gone at once. */
  void onChange(String issuer, ByteString codeId, long sequence) {
    StatusKey key = StatusKey.of(issuer, codeId);
    // Written before the pending fetches are looked at: a fetch begun meanwhile sees one or other.
    applied.asMap().merge(key, sequence, Math::max);
    cache
        .asMap()
        .compute(
            key,
            (k, old) -> {
              Pending p = pending.get(k);
              if (p != null) {
                p.changedAt = Math.max(p.changedAt, sequence);
              }
              return old != null && old.reflects() >= sequence ? old : null;
            });
    state(issuer).lastSequence.accumulateAndGet(sequence, Math::max);
  }

  /**
   * The issuer's stream lost events (gap, or a resume point the node no longer retains): nothing
   * cached or in flight for the issuer is trusted any more, and sequence numbering starts over.
   */
  void dropIssuer(String issuer) {
    IssuerState s = state(issuer);
    s.generation.incrementAndGet();
    s.lastSequence.set(0);
    cache.asMap().keySet().removeIf(StatusKey.issuedBy(issuer));
    applied.asMap().keySet().removeIf(StatusKey.issuedBy(issuer));
  }

  long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private IssuerState state(String issuer) {
    return issuers.computeIfAbsent(issuer, i -> new IssuerState());
  }

  /** The clock's reading in epoch nanoseconds (saturated past 2262). */
  private static long nanos(Instant t) {
    return CachedStatus.epochNanos(t.getEpochSecond(), t.getNano());
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }
}
