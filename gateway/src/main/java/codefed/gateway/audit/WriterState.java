package codefed.gateway.audit;

/**
 * Whether the log's writer can make records durable; the gateway serves only while it is {@link
 * #UP}, since no decision may be given without a record.
 */
public enum WriterState {
  /** Requests are made durable within the durability timeout. */
  UP,
  /**
   * A request has waited longer than the durability timeout (a hung disk or file server); back to
   * {@link #UP} once the writer finishes what it was doing.
   */
  STUCK,
  /**
   * A write or fsync failed: the writer stopped (what the kernel kept of unsynced pages is unknown)
   * and only a restart, which recovers the log, brings it back.
   */
  FAILED
}
