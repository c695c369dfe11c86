package codefed.gateway.audit.report;

import codefed.gateway.audit.seal.RecordInputs;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.RecordKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts behind the audit report, per hour (in the report's zone) and per issuer:
 * decisions by outcome, manual verifications, and node availability — of the decisions that
 * needed the issuer's node, how many got a fresh answer (a cached answer did not ask the node;
 * {@code node_reachable = false} means the node was asked and did not answer).
 */
public final class ReportData {
  /** Counts for one hour or one issuer. */
  public static final class Counts {
    final Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
    int total;
    int manual;
    int nodeAsked;
    int nodeAnswered;

    void add(AuditRecord r) {
      total++;
      byOutcome.merge(r.getOutcome(), 1, Integer::sum);
      if (r.getKind() == RecordKind.RECORD_KIND_MANUAL_VERIFICATION
          || r.getOutcome() == Outcome.OUTCOME_MANUAL_VERIFICATION) {
        manual++;
      }
      if (r.getKind() == RecordKind.RECORD_KIND_DECISION) {
        boolean answered = RecordInputs.hasNodeAnswer(r) && !r.getFromCache();
        if (answered || !r.getNodeReachable()) {
          nodeAsked++;
          if (answered) {
            nodeAnswered++;
          }
        }
      }
    }

    public int total() {
      return total;
    }

    public int outcome(Outcome o) {
      return byOutcome.getOrDefault(o, 0);
    }

    public int manual() {
      return manual;
    }

    public int nodeAsked() {
      return nodeAsked;
    }

    public int nodeAnswered() {
      return nodeAnswered;
    }
  }

  private final ZoneOffset zone;
  private final TreeMap<Instant, Counts> hours = new TreeMap<>();
  private final TreeMap<String, Counts> issuers = new TreeMap<>();
  private final Counts all = new Counts();
  private Instant first;
  private Instant last;

  public ReportData(ZoneOffset zone) {
    this.zone = zone;
  }

  public void add(AuditRecord r) {
    Instant t = Instant.ofEpochSecond(r.getTime().getSeconds(), r.getTime().getNanos());
    Instant hour = ZonedDateTime.ofInstant(t, zone).truncatedTo(ChronoUnit.HOURS).toInstant();
    hours.computeIfAbsent(hour, h -> new Counts()).add(r);
    String issuer = r.getCode().getIssuer().isEmpty() ? "(none)" : r.getCode().getIssuer();
    issuers.computeIfAbsent(issuer, i -> new Counts()).add(r);
    all.add(r);
    first = first == null || t.isBefore(first) ? t : first;
    last = last == null || t.isAfter(last) ? t : last;
  }

  public ZoneOffset zone() {
    return zone;
  }

  public TreeMap<Instant, Counts> hours() {
    return hours;
  }

  public TreeMap<String, Counts> issuers() {
    return issuers;
  }

  public Counts all() {
    return all;
  }

  public Instant first() {
    return first;
  }

  public Instant last() {
    return last;
  }
}
