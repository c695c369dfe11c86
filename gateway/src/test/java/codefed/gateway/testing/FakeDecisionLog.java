package codefed.gateway.testing;

import codefed.gateway.audit.AuditUnavailableException;
import codefed.gateway.audit.DecisionLog;
import healthcode.federation.v1.AuditRecord;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory decision log that can be made to fail. */
public final class FakeDecisionLog implements DecisionLog {
  private final List<AuditRecord> records = new CopyOnWriteArrayList<>();
  private final Map<String, String> policies = new ConcurrentHashMap<>();
  private final List<String> appendThreads = new CopyOnWriteArrayList<>();
  private volatile boolean failing;

  @Override
  public synchronized long append(AuditRecord record) throws AuditUnavailableException {
    if (failing) {
      throw new AuditUnavailableException("disk full", new java.io.IOException("disk full"));
    }
    appendThreads.add(Thread.currentThread().getName());
    long sequence = records.size();
    records.add(record.toBuilder().setSequence(sequence).build());
    return sequence;
  }

  @Override
  public void archivePolicy(byte[] policyHash, String documentText)
      throws AuditUnavailableException {
    if (failing) {
      throw new AuditUnavailableException("disk full", new java.io.IOException("disk full"));
    }
    policies.put(java.util.HexFormat.of().formatHex(policyHash), documentText);
  }

  public void failing(boolean f) {
    this.failing = f;
  }

  public List<AuditRecord> records() {
    return List.copyOf(records);
  }

  /** The name of the thread that made each append, in order. */
  public List<String> appendThreads() {
    return List.copyOf(appendThreads);
  }

  public AuditRecord last() {
    return records.get(records.size() - 1);
  }

  public Map<String, String> archivedPolicies() {
    return Map.copyOf(policies);
  }
}
