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
import java.util.TreeSet;

/**
 * The counts behind the audit report, per hour (in the report's zone), per issuer, checkpoint and
 * policy version: decisions by outcome, manual verifications, offline decisions, rejection classes,
 * control reasons, and node availability — of the decisions that needed the issuer's node, how many
 * got a fresh answer (a cached answer did not ask the node; {@code node_reachable = false} means
 * the node was asked and did not answer).
 */
public final class ReportData {
  /** Counts for one hour or one issuer. */
  public static final class Counts {
    final Map<Outcome, Integer> byOutcome = new EnumMap<>(Outcome.class);
    int total;
    int manual;
    int nodeAsked;
    int nodeAnswered;
    int offline;

    void add(AuditRecord r) {
      total++;
      if (r.getOffline()) {
        offline++;
      }
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

    /** Adds {@code n} records of one outcome counted elsewhere (by SQL over the Parquet export). */
    void add(Outcome outcome, int n, int manual, int offline, int nodeAsked, int nodeAnswered) {
      total += n;
      byOutcome.merge(outcome, n, Integer::sum);
      this.manual += manual;
      this.offline += offline;
      this.nodeAsked += nodeAsked;
      this.nodeAnswered += nodeAnswered;
    }

    /** Adds {@code other}'s counts to these (buckets of the time axis are sums of hours). */
    void merge(Counts other) {
      total += other.total;
      manual += other.manual;
      nodeAsked += other.nodeAsked;
      nodeAnswered += other.nodeAnswered;
      offline += other.offline;
      other.byOutcome.forEach((o, n) -> byOutcome.merge(o, n, Integer::sum));
    }

    public int total() {
      return total;
    }

    public int offline() {
      return offline;
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
  private final TreeMap<String, Counts> checkpoints = new TreeMap<>();
  private final TreeMap<String, Counts> policies = new TreeMap<>();
  private final TreeMap<String, Counts> byGateway = new TreeMap<>();
  private final TreeMap<String, Integer> rejections = new TreeMap<>();
  private final TreeMap<String, Integer> controlReasons = new TreeMap<>();
  private final TreeSet<String> gateways = new TreeSet<>();
  private final TreeSet<String> jurisdictions = new TreeSet<>();
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
    checkpoints.computeIfAbsent(orNone(r.getCheckpointId()), c -> new Counts()).add(r);
    policies.computeIfAbsent(orNone(r.getPolicyVersion()), v -> new Counts()).add(r);
    if (r.getOutcome() == Outcome.OUTCOME_REJECT) {
      rejections.merge(rejectionClass(r), 1, Integer::sum);
    }
    if (r.getOutcome() == Outcome.OUTCOME_CONTROL) {
      r.getReasonsList().forEach(reason -> controlReasons.merge(reason.name(), 1, Integer::sum));
    }
    gateways.add(orNone(r.getGateway()));
    byGateway.computeIfAbsent(orNone(r.getGateway()), g -> new Counts()).add(r);
    jurisdictions.add(orNone(r.getJurisdiction()));
    all.add(r);
    first = first == null || t.isBefore(first) ? t : first;
    last = last == null || t.isAfter(last) ? t : last;
  }

  /**
   * Why a code was rejected, as a class: the verifier's reason (e.g. {@code BAD_SIGNATURE}) before
   * the detail, or the node's verdict when the code verified but the issuer did not know it.
   */
  static String rejectionClass(AuditRecord r) {
    return rejectionClass(r.getCode().getRejection());
  }

  /**
   * The class of a rejection text ({@code CodeFacts.rejection}); empty text is the issuer's answer.
   */
  public static String rejectionClass(String text) {
    if (text.isEmpty()) {
      return "issuer's answer (unknown or revoked code)";
    }
    int colon = text.indexOf(':');
    String head = (colon < 0 ? text : text.substring(0, colon)).strip();
    return head.length() > 60 ? head.substring(0, 60) : head;
  }

  static String orNone(String s) {
    return s == null || s.isEmpty() ? "(none)" : s;
  }

  /** The first and last record times, when the records were counted elsewhere. */
  void span(Instant first, Instant last) {
    this.first = first;
    this.last = last;
  }

  /** Counts per gateway identity (a fleet's shards). */
  public TreeMap<String, Counts> byGateway() {
    return byGateway;
  }

  public TreeMap<String, Counts> checkpoints() {
    return checkpoints;
  }

  public TreeMap<String, Counts> policies() {
    return policies;
  }

  public TreeMap<String, Integer> rejections() {
    return rejections;
  }

  public TreeMap<String, Integer> controlReasons() {
    return controlReasons;
  }

  /** Gateway identities whose records were read (one for a single log, several for a fleet). */
  public TreeSet<String> gateways() {
    return gateways;
  }

  public TreeSet<String> jurisdictions() {
    return jurisdictions;
  }

  /** The hourly counts summed into the buckets of {@code axis}. */
  Counts[] buckets(TimeAxis axis) {
    Counts[] out = new Counts[axis.size()];
    hours.forEach(
        (hour, c) -> {
          int i = axis.indexOf(hour);
          if (out[i] == null) {
            out[i] = new Counts();
          }
          out[i].merge(c);
        });
    return out;
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
