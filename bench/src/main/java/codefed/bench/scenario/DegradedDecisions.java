package codefed.bench.scenario;

import healthcode.federation.v1.Decision;
import healthcode.federation.v1.Outcome;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decisions made offline or MANUAL_VERIFICATION while the node is healthy, counted by their cause
 * and the gateway's explanation (a code's explanation names no person), so that a run that misses
 * the target of 0 also says why.
 */
final class DegradedDecisions {
  /** Distinct explanations kept; more are counted under "other". */
  private static final int KINDS = 8;

  private final LongAdder count = new LongAdder();
  private final ConcurrentHashMap<String, LongAdder> byKind = new ConcurrentHashMap<>();

  /** Counts {@code d} if it is degraded. */
  void observe(Decision d) {
    if (!d.getOffline() && d.getOutcome() != Outcome.OUTCOME_MANUAL_VERIFICATION) {
      return;
    }
    count.increment();
    String kind = d.getCause() + ": " + d.getExplanation();
    if (byKind.size() >= KINDS && !byKind.containsKey(kind)) {
      kind = "other";
    }
    byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  long count() {
    return count.sum();
  }

  /** Cause and explanation → count, sorted. */
  Map<String, Long> kinds() {
    Map<String, Long> out = new TreeMap<>();
    byKind.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }
}
