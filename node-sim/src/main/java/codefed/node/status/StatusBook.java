package codefed.node.status;

import codefed.node.changes.ChangeFeed;
import codefed.node.changes.StatusChange;
import codefed.node.registry.CodeId;
import codefed.node.registry.CodeRecord;
import codefed.node.registry.CodeRegistry;
import codefed.node.registry.Visit;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The node's book of codes and their status: registers issued codes, applies the health authority's
 * updates and risk-area changes, and publishes every visible change on the {@link ChangeFeed}.
 *
 * <p>Writes are serialized; reads are not blocked by them. Every write stores first and publishes
 * second, and {@link #observe} reads the feed's head before the record, so an observation reflects
 * at least every event up to the sequence it reports.
 */
public final class StatusBook {
  /** Visits kept per code; older ones are dropped first (the itinerary window is 14 days). */
  static final int MAX_VISITS = 64;

  private final CodeRegistry registry;
  private final ChangeFeed feed;
  private final Clock clock;
  private final Object writes = new Object();
  private volatile RiskAreas riskAreas = RiskAreas.none();

  public StatusBook(CodeRegistry registry, ChangeFeed feed, Clock clock) {
    this.registry = registry;
    this.feed = feed;
    this.clock = clock;
  }

  /** Stores a newly issued code (no event: no gateway can have cached it). */
  public void register(CodeRecord record) {
    synchronized (writes) {
      registry.insert(record);
    }
  }

  /** The code's record and status now, if the node issued it. */
  public Optional<Observation> observe(CodeId id) {
    long sequence = feed.head();
    RiskAreas areas = riskAreas;
    Instant now = clock.instant();
    return registry
        .find(id)
        .map(r -> new Observation(r, StatusEvaluator.evaluate(r, areas, now), sequence, now));
  }

  /** Applies the authority's update; publishes a change when the visible status differs. */
  public UpdateOutcome update(CodeId id, StatusUpdate update) throws UnknownCodeException {
    synchronized (writes) {
      Instant now = clock.instant();
      CodeRecord record = registry.find(id).orElseThrow(UnknownCodeException::new);
      RiskAreas areas = riskAreas;
      HolderStatus before = StatusEvaluator.evaluate(record, areas, now);
      if (record.revoked()) {
        return new UpdateOutcome(before, 0);
      }
      CodeRecord next = apply(record, update);
      registry.replace(next);
      HolderStatus after = StatusEvaluator.evaluate(next, areas, now);
      long sequence = after.differsFrom(before) ? publish(id, after, now) : 0;
      return new UpdateOutcome(after, sequence);
    }
  }

  /**
   * Sets area risk levels and recolors every code whose declared origin or itinerary touches an
   * area whose effective level changed.
   *
   * @return how many codes' visible status changed
   */
  public int setRiskAreas(Collection<RiskArea> changes) {
    synchronized (writes) {
      Instant now = clock.instant();
      RiskAreas before = riskAreas;
      RiskAreas after = before.with(changes);
      riskAreas = after;
      int[] changed = {0};
      registry.forEach(
          record -> {
            if (record.revoked() || !touchesChangedArea(record, before, after)) {
              return;
            }
            HolderStatus old = StatusEvaluator.evaluate(record, before, now);
            HolderStatus recolored = StatusEvaluator.evaluate(record, after, now);
            if (recolored.differsFrom(old)) {
              publish(record.id(), recolored, now);
              changed[0]++;
            }
          });
      return changed[0];
    }
  }

  /** The current risk-area table. */
  public RiskAreas riskAreas() {
    return riskAreas;
  }

  /** Number of codes the node holds. */
  public int size() {
    return registry.size();
  }

  /** The change stream consumers subscribe to. */
  public ChangeFeed feed() {
    return feed;
  }

  private static CodeRecord apply(CodeRecord record, StatusUpdate update) {
    if (update.revoke()) {
      return record.revoke();
    }
    CodeRecord next = record.withFindings(update.findings()).withIssuerColor(update.issuerColor());
    if (update.clearDeclaredReasons()) {
      next = next.withDeclaredReasons(Set.of()).withOriginAreas(List.of());
    }
    List<Visit> visits = new ArrayList<>(update.replaceVisits() ? List.of() : next.visits());
    visits.addAll(update.visits());
    if (visits.size() > MAX_VISITS) {
      visits.sort(Comparator.comparing(Visit::visitedAt));
      visits = visits.subList(visits.size() - MAX_VISITS, visits.size());
    }
    return next.withVisits(visits);
  }

  private static boolean touchesChangedArea(CodeRecord record, RiskAreas before, RiskAreas after) {
    for (String area : record.originAreas()) {
      if (before.levelOf(area) != after.levelOf(area)) {
        return true;
      }
    }
    for (Visit visit : record.visits()) {
      if (before.levelOf(visit.areaCode()) != after.levelOf(visit.areaCode())) {
        return true;
      }
    }
    return false;
  }

  private long publish(CodeId id, HolderStatus status, Instant at) {
    StatusChange change =
        feed.publish(
            sequence ->
                new StatusChange(
                    sequence,
                    id,
                    status.state(),
                    status.color(),
                    status.reasons(),
                    status.itineraryRisk(),
                    at));
    return change.sequence();
  }
}
