package codefed.gateway.recognition;

import codefed.time.ProtoTime;
import com.google.protobuf.Timestamp;
import java.time.Instant;

/**
 * Conversions between protobuf timestamps and instants (exact to the nanosecond) for decisions.
 * Reading does not range-check: a decision, and its replay, takes every signed value exactly as the
 * issuer wrote it. Writing goes through {@link ProtoTime} (protobuf's own range checks).
 */
public final class Timestamps {
  private Timestamps() {}

  public static Instant toInstant(Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }

  public static Timestamp of(Instant i) {
    return ProtoTime.timestamp(i);
  }
}
