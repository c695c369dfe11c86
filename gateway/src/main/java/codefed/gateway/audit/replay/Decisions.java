package codefed.gateway.audit.replay;

import codefed.gateway.recognition.DecisionResult;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import healthcode.federation.v1.Reason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

/** Comparing a recorded decision with a re-evaluated one, and naming outcomes briefly. */
final class Decisions {
  private Decisions() {}

  /** What differs between the record and the replay; empty when nothing does. */
  static List<String> differences(AuditRecord recorded, DecisionResult replayed) {
    List<String> out = new ArrayList<>();
    if (recorded.getOutcome() != replayed.outcome()) {
      out.add("outcome " + name(recorded.getOutcome()) + " vs " + name(replayed.outcome()));
    }
    if (!measureSet(recorded.getMeasuresList()).equals(measureSet(replayed.measures()))) {
      out.add(
          "measures "
              + measures(recorded.getMeasuresList())
              + " vs "
              + measures(replayed.measures()));
    }
    if (!reasonSet(recorded.getReasonsList()).equals(reasonSet(replayed.reasons()))) {
      out.add(
          "reasons "
              + reasonSet(recorded.getReasonsList())
              + " vs "
              + reasonSet(replayed.reasons()));
    }
    if (recorded.getOffline() != replayed.offline()) {
      out.add("offline " + recorded.getOffline() + " vs " + replayed.offline());
    }
    return out;
  }

  static String name(Outcome o) {
    return o.name().replaceFirst("^OUTCOME_", "");
  }

  static String measures(Collection<Measure> measures) {
    return measureSet(measures).stream()
        .map(m -> m.name().replaceFirst("^MEASURE_", ""))
        .collect(Collectors.joining(",", "[", "]"));
  }

  /** "PASS" or "CONTROL[FEVER_CLINIC]". */
  static String decision(Outcome outcome, Collection<Measure> measures) {
    return name(outcome) + (measureSet(measures).isEmpty() ? "" : measures(measures));
  }

  private static EnumSet<Measure> measureSet(Collection<Measure> measures) {
    EnumSet<Measure> set = EnumSet.noneOf(Measure.class);
    set.addAll(measures);
    return set;
  }

  private static EnumSet<Reason> reasonSet(Collection<Reason> reasons) {
    EnumSet<Reason> set = EnumSet.noneOf(Reason.class);
    set.addAll(reasons);
    return set;
  }
}
