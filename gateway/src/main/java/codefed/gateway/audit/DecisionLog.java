package codefed.gateway.audit;

import healthcode.federation.v1.AuditRecord;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where the gateway records every decision before answering. {@link #append} returns only once the
 * record is durable; the returned sequence is the caller's receipt.
 */
public interface DecisionLog {

  /**
   * Appends a record (its {@code sequence} field is assigned here and overwritten) and blocks until
   * it is durable, for at most the log's durability timeout.
   *
   * @return the record's sequence number (0-based Merkle leaf index)
   * @throws AuditUnavailableException if the record could not be made durable, or not in time; the
   *     caller must not give the decision. After a timeout the record may still become durable
   *     later: it then exists in the log without its caller having had a decision or a receipt,
   *     which is acceptable; an acknowledged record that is lost would not be.
   */
  long append(AuditRecord record) throws AuditUnavailableException;

  /**
   * {@link #append} without blocking the caller: the stage completes with the sequence once the
   * record is durable, or exceptionally with {@link AuditUnavailableException} (or {@link
   * IllegalArgumentException} for a record too large). Dependent actions may run on the log's
   * writer thread: keep them short or make them async. This default appends on the calling thread.
   */
  default CompletionStage<Long> appendAsync(AuditRecord record) {
    try {
      return CompletableFuture.completedFuture(append(record));
    } catch (AuditUnavailableException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Keeps a copy of a policy version document beside the log, keyed by its SHA-256 hash, so that an
   * auditor can replay every decision under the exact policy recorded with it. Idempotent; called
   * by the gateway for every version it loads, before it is used.
   */
  void archivePolicy(byte[] policyHash, String documentText) throws AuditUnavailableException;
}
