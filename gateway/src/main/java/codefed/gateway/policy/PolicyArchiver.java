package codefed.gateway.policy;

/**
 * Keeps a copy of each policy version before it is used (the audit log's policy archive), so that
 * every decision can be replayed under the exact document recorded with it.
 */
@FunctionalInterface
public interface PolicyArchiver {
  PolicyArchiver NONE = policy -> {};

  /** Stores the version's document; idempotent. A failure keeps the version out of use. */
  void archive(Policy policy) throws Exception;
}
