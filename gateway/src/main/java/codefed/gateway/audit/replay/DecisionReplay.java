package codefed.gateway.audit.replay;

import codefed.gateway.audit.LogReader;
import codefed.gateway.audit.seal.EvidenceException;
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
import java.util.concurrent.ExecutorService;

/**
 * Re-evaluates every recorded decision under the policy version recorded with it (from the log's
 * policy archive) with the gateway's own pure decision rules. Manual verifications are staff
 * decisions and are not replayed.
 */
public final class DecisionReplay {

  /** A decision the rules no longer reach, or one that could not be replayed. */
  public record Mismatch(
      long sequence, String policyVersion, String recorded, String replayed, String why) {
    @Override
    public String toString() {
      return "#"
          + sequence
          + " (policy "
          + (policyVersion.isEmpty() ? "none" : policyVersion)
          + "): recorded "
          + recorded
          + ", replayed "
          + replayed
          + " — "
          + why;
    }
  }

  /**
   * What a replay found.
   *
   * @param evidence how the node answers were had (opened and re-checked, or from the clear status)
   */
  public record Result(
      long replayed, long manual, int policies, List<Mismatch> mismatches, List<String> evidence) {
    public boolean ok() {
      return mismatches.isEmpty();
    }
  }

  private DecisionReplay() {}

  /** Replays from the records' clear parts only (sealed node answers not opened). */
  public static Result replay(Path logDir) throws IOException {
    return replay(logDir, RecordInputs.clear());
  }

  /** Replays with the node answers as {@code inputs} has them (opened with the auditors' key). */
  public static Result replay(Path logDir, RecordInputs inputs) throws IOException {
    return replay(logDir, inputs, null);
  }

  /**
   * Like {@link #replay(Path, RecordInputs)}, with records replayed in chunks on {@code pool}
   * (null: on this thread); mismatches are reported in log order all the same.
   */
  public static Result replay(Path logDir, RecordInputs inputs, ExecutorService pool)
      throws IOException {
    RecordedPolicies policies = new RecordedPolicies(logDir);
    List<Mismatch> mismatches = new ArrayList<>();
    long[] counts = new long[2];
    LogReader.forEachParallel(
        logDir,
        pool,
        r -> replayOne(r, policies, inputs),
        o -> {
          counts[o == MANUAL ? 1 : 0]++;
          if (o instanceof Mismatch m) {
            mismatches.add(m);
          }
        });
    return new Result(counts[0], counts[1], policies.count(), mismatches, inputs.summary());
  }

  /** What {@link #replayOne} returns for a record that is not a decision. */
  private static final Object MANUAL = new Object();

  /** What {@link #replayOne} returns for a decision the rules reach again. */
  private static final Object SAME = new Object();

  private static Object replayOne(AuditRecord r, RecordedPolicies policies, RecordInputs inputs) {
    if (r.getKind() != RecordKind.RECORD_KIND_DECISION) {
      return MANUAL;
    }
    try {
      DecisionResult replayed = DecisionRules.decide(policyOf(r, policies), input(r, inputs));
      List<String> diff = Decisions.differences(r, replayed);
      if (diff.isEmpty()) {
        return SAME;
      }
      return new Mismatch(
          r.getSequence(),
          r.getPolicyVersion(),
          Decisions.decision(r.getOutcome(), r.getMeasuresList()),
          Decisions.decision(replayed.outcome(), replayed.measures()),
          String.join("; ", diff));
    } catch (ReplayException e) {
      return new Mismatch(
          r.getSequence(),
          r.getPolicyVersion(),
          Decisions.decision(r.getOutcome(), r.getMeasuresList()),
          "-",
          e.getMessage());
    }
  }

  /** The recorded policy, or null when the record says none was in force. */
  static Policy policyOf(AuditRecord r, RecordedPolicies policies) throws ReplayException {
    return r.getPolicyHash().isEmpty() ? null : policies.get(r.getPolicyHash().toByteArray());
  }

  static DecisionInput input(AuditRecord r, RecordInputs inputs) throws ReplayException {
    try {
      return inputs.input(r);
    } catch (EvidenceException e) {
      throw new ReplayException("record does not hold a replayable input: " + e.getMessage());
    }
  }
}
