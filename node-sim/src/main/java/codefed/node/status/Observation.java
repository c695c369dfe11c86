package codefed.node.status;

import codefed.node.registry.CodeRecord;
import java.time.Instant;

/**
 * A code's record and status as seen at {@code at}, reflecting at least every change-stream event
 * up to {@code sequence}.
 */
public record Observation(CodeRecord record, HolderStatus status, long sequence, Instant at) {}
