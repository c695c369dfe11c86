package codefed.gateway.audit.replay;

import codefed.gateway.audit.LogReader;
import codefed.gateway.audit.seal.RecordInputs;
import codefed.gateway.policy.Policy;
import codefed.gateway.recognition.DecisionInput;
import codefed.gateway.recognition.DecisionResult;
import codefed.gateway.recognition.DecisionRules;
import healthcode.federation.v1.AuditRecord;
import healthcode.federation.v1.RecordKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * "What would another policy have changed": every recorded decision of the policy's jurisdiction is
 * re-evaluated as if that policy had been in force at its scan time, and the changes are counted by
 * transition (recorded → new decision) and by issuer, with a few examples each.
 */
public final class WhatIf {
  public static final int EXAMPLES = 3;

  /** The new decision of a scan the new policy would have asked the node about. */
  public static final String ASK_NODE = "ASK_NODE";

  /** A group of changes: how many, out of how many considered, and a few examples. */
  public static final class Group {
    private long changed;
    private long considered;
    private final List<String> examples = new ArrayList<>();

    public long changed() {
      return changed;
    }

    public long considered() {
      return considered;
    }

    public List<String> examples() {
      return examples;
    }

    void add(boolean isChange, String example) {
      considered++;
      if (isChange) {
        changed++;
        if (examples.size() < EXAMPLES) {
          examples.add(example);
        }
      }
    }
  }

  /** The whole what-if. */
  public record Report(
      long considered,
      long changed,
      long otherJurisdiction,
      long manual,
      long unreplayable,
      Map<String, Group> byTransition,
      Map<String, Group> byIssuer) {}

  private WhatIf() {}

  /** The what-if from the records' clear parts (sealed node answers not opened). */
  public static Report run(Path logDir, Policy policy) throws IOException {
    return run(logDir, policy, RecordInputs.clear());
  }

  /**
   * The what-if with node answers as {@code inputs} has them. Without the auditors' key the
   * itinerary is known only as the risk level the recorded policy acted on, so a policy with
   * another window or other levels is judged on that level alone.
   */
  public static Report run(Path logDir, Policy policy, RecordInputs inputs) throws IOException {
    Map<String, Group> byTransition = new TreeMap<>();
    Map<String, Group> byIssuer = new TreeMap<>();
    long[] n = new long[5]; // considered, changed, other jurisdiction, manual, unreplayable
    LogReader.forEach(
        logDir,
        r -> {
          if (r.getKind() != RecordKind.RECORD_KIND_DECISION) {
            n[3]++;
            return;
          }
          if (!r.getJurisdiction().equals(policy.jurisdiction())) {
            n[2]++;
            return;
          }
          DecisionInput input;
          try {
            input = DecisionReplay.input(r, inputs);
          } catch (ReplayException e) {
            n[4]++;
            return;
          }
          n[0]++;
          String before = Decisions.decision(r.getOutcome(), r.getMeasuresList());
          String after;
          String why;
          if (input.status().isEmpty()
              && input.nodeReachable()
              && DecisionRules.statusNeeded(policy, input)) {
            // Decided without the node (e.g. not recognized then): the new policy would ask it, and
            // the log cannot say what it would have answered.
            after = ASK_NODE;
            why =
                "the policy would ask issuer "
                    + r.getCode().getIssuer()
                    + "'s node; no answer was recorded";
          } else {
            DecisionResult now = DecisionRules.decide(policy, input);
            after = Decisions.decision(now.outcome(), now.measures());
            why = now.explanation();
          }
          boolean changed = !before.equals(after);
          if (changed) {
            n[1]++;
            byTransition
                .computeIfAbsent(before + " -> " + after, k -> new Group())
                .add(true, example(r, why));
          }
          String issuer = r.getCode().getIssuer().isEmpty() ? "(none)" : r.getCode().getIssuer();
          byIssuer
              .computeIfAbsent(issuer, k -> new Group())
              .add(changed, example(r, why) + " (" + before + " -> " + after + ")");
        });
    return new Report(n[0], n[1], n[2], n[3], n[4], byTransition, byIssuer);
  }

  private static String example(AuditRecord r, String why) {
    return "#"
        + r.getSequence()
        + " "
        + java.time.OffsetDateTime.ofInstant(
            java.time.Instant.ofEpochSecond(r.getTime().getSeconds()),
            java.time.ZoneOffset.ofHours(8))
        + " issuer "
        + r.getCode().getIssuer()
        + " at "
        + (r.getCheckpointId().isEmpty() ? "-" : r.getCheckpointId())
        + ": "
        + why;
  }
}
