package codefed.time;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
import java.time.Instant;

/**
 * Instants to and from protobuf timestamps, exact to the nanosecond, through protobuf's own {@link
 * Timestamps}, which refuses what the {@code Timestamp} type cannot hold (before year 1 or after
 * 9999, nanos outside [0, 999,999,999]) with {@link IllegalArgumentException}. Input that may be
 * out of range is checked with {@link Timestamps#isValid(Timestamp)} first.
 */
public final class ProtoTime {
  private ProtoTime() {}

  /** The timestamp of {@code instant}. */
  public static Timestamp timestamp(Instant instant) {
    return Timestamps.checkValid(
        Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()));
  }

  /** The instant of a valid {@code timestamp}. */
  public static Instant instant(Timestamp timestamp) {
    Timestamps.checkValid(timestamp);
    return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
  }
}
