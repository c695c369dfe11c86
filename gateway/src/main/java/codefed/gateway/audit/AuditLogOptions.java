package codefed.gateway.audit;

import codefed.signing.Signer;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How an {@link AuditLog} names itself, signs checkpoints and sizes its segments.
 *
 * @param gateway the gateway identity name written into checkpoints (and into records that leave it
 *     empty)
 * @param signer signs checkpoints with the gateway's audit key (see {@link CheckpointSignatures})
 * @param checkpointEveryRecords a checkpoint at least every this many records
 * @param checkpointInterval and at least this often while records arrive (and at close)
 * @param segmentBytes a new segment file starts once the current one would exceed this
 * @param clock for checkpoint times and records without a time
 * @param signerCertificate DER certificate of the audit key, carried in every checkpoint so
 *     auditors can validate it against the CA; empty when the TLS identity key signs
 * @param durabilityTimeout how long an append waits for its record to be durable before it fails
 *     with {@link AuditUnavailableException}; a request waiting longer also marks the writer {@link
 *     WriterState#STUCK}
 */
public record AuditLogOptions(
    String gateway,
    Signer signer,
    int checkpointEveryRecords,
    Duration checkpointInterval,
    long segmentBytes,
    Clock clock,
    com.google.protobuf.ByteString signerCertificate,
    Duration durabilityTimeout) {

  public static final int DEFAULT_CHECKPOINT_EVERY_RECORDS = 1000;
  public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(60);
  public static final long DEFAULT_SEGMENT_BYTES = 64L << 20;
  public static final Duration DEFAULT_DURABILITY_TIMEOUT = Duration.ofSeconds(2);

  public AuditLogOptions {
    Objects.requireNonNull(gateway, "gateway");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(checkpointInterval, "checkpointInterval");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(signerCertificate, "signerCertificate");
    Objects.requireNonNull(durabilityTimeout, "durabilityTimeout");
    if (signer.algorithm() != CheckpointSignatures.ALGORITHM) {
      throw new IllegalArgumentException(
          "signer: " + signer.algorithm() + " (expected: " + CheckpointSignatures.ALGORITHM + ")");
    }
    if (gateway.isBlank()) {
      throw new IllegalArgumentException("gateway: \"\" (expected: the gateway identity name)");
    }
    if (checkpointEveryRecords <= 0) {
      throw new IllegalArgumentException(
          "checkpointEveryRecords: " + checkpointEveryRecords + " (expected: > 0)");
    }
    if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
      throw new IllegalArgumentException(
          "checkpointInterval: " + checkpointInterval + " (expected: > 0)");
    }
    if (durabilityTimeout.isNegative() || durabilityTimeout.isZero()) {
      throw new IllegalArgumentException(
          "durabilityTimeout: " + durabilityTimeout + " (expected: > 0)");
    }
    if (segmentBytes < 4096 || segmentBytes > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "segmentBytes: " + segmentBytes + " (expected: 4096.." + Integer.MAX_VALUE + ")");
    }
  }

  /**
   * Defaults: a checkpoint every 1000 records or 60 s, 64 MiB segments, the UTC system clock, 2 s
   * for a record to become durable.
   */
  public static AuditLogOptions defaults(String gateway, Signer signer) {
    return new AuditLogOptions(
        gateway,
        signer,
        DEFAULT_CHECKPOINT_EVERY_RECORDS,
        DEFAULT_CHECKPOINT_INTERVAL,
        DEFAULT_SEGMENT_BYTES,
        Clock.systemUTC(),
        com.google.protobuf.ByteString.EMPTY,
        DEFAULT_DURABILITY_TIMEOUT);
  }

  public AuditLogOptions withCheckpointEvery(int records, Duration interval) {
    return new AuditLogOptions(
        gateway,
        signer,
        records,
        interval,
        segmentBytes,
        clock,
        signerCertificate,
        durabilityTimeout);
  }

  public AuditLogOptions withSegmentBytes(long bytes) {
    return new AuditLogOptions(
        gateway,
        signer,
        checkpointEveryRecords,
        checkpointInterval,
        bytes,
        clock,
        signerCertificate,
        durabilityTimeout);
  }

  public AuditLogOptions withClock(Clock newClock) {
    return new AuditLogOptions(
        gateway,
        signer,
        checkpointEveryRecords,
        checkpointInterval,
        segmentBytes,
        newClock,
        signerCertificate,
        durabilityTimeout);
  }

  /** Checkpoints carry this certificate of the signer's key (see {@code AuditKey}). */
  public AuditLogOptions withSignerCertificate(com.google.protobuf.ByteString der) {
    return new AuditLogOptions(
        gateway,
        signer,
        checkpointEveryRecords,
        checkpointInterval,
        segmentBytes,
        clock,
        der,
        durabilityTimeout);
  }

  public AuditLogOptions withDurabilityTimeout(Duration timeout) {
    return new AuditLogOptions(
        gateway,
        signer,
        checkpointEveryRecords,
        checkpointInterval,
        segmentBytes,
        clock,
        signerCertificate,
        timeout);
  }
}
