package codefed.gateway.recognition;

import java.time.Instant;

/** The audit receipt of a recorded manual verification. */
public record ManualReceipt(long auditSequence, Instant recordedAt) {}
