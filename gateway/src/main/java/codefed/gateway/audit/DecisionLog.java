package codefed.gateway.audit;

import healthcode.federation.v1.AuditRecord;

/**
 * Where the gateway records every decision before answering. {@link #append} returns only
 * once the record is durable; the returned sequence is the caller's receipt.
 */
public interface DecisionLog {

  /**
   * Appends a record (its {@code sequence} field is assigned here and overwritten) and
   * blocks until it is durable.
   *
   * @return the record's sequence number (0-based Merkle leaf index)
   * @throws AuditUnavailableException if the record could not be made durable; the caller
   *     must not give the decision
   */
  long append(AuditRecord record) throws AuditUnavailableException;

  /**
   * Keeps a copy of a policy version document beside the log, keyed by its SHA-256 hash, so
   * that an auditor can replay every decision under the exact policy recorded with it.
   * Idempotent; called by the gateway for every version it loads, before it is used.
   */
  void archivePolicy(byte[] policyHash, String documentText) throws AuditUnavailableException;
}
