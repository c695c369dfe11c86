package codefed.node.status;

/**
 * A code's status after an update and the sequence of the change published for it (0 when the
 * update changed nothing a gateway can see).
 */
public record UpdateOutcome(HolderStatus status, long sequence) {}
