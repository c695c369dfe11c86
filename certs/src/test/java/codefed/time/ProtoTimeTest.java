package codefed.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ProtoTimeTest {
  @Test
  void roundTrip_isExactToTheNanosecond() {
    Instant t = Instant.parse("2020-03-20T01:02:03.123456789Z");

    Timestamp ts = ProtoTime.timestamp(t);

    assertThat(ts.getSeconds()).isEqualTo(t.getEpochSecond());
    assertThat(ts.getNanos()).isEqualTo(123_456_789);
    assertThat(ProtoTime.instant(ts)).isEqualTo(t);
  }

  @Test
  void outsideWhatATimestampHolds_isRefused() {
    assertThatThrownBy(() -> ProtoTime.timestamp(Instant.parse("+10000-01-01T00:00:00Z")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> ProtoTime.instant(Timestamp.newBuilder().setSeconds(0).setNanos(-1).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
