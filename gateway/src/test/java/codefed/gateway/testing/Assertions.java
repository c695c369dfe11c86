package codefed.gateway.testing;

import codefed.gateway.recognition.Timestamps;
import codefed.gateway.status.StatusLookup;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.CodeState;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.Reason;
import healthcode.federation.v1.SignedAssertion;
import healthcode.federation.v1.StatusAssertion;
import java.time.Duration;
import java.time.Instant;

/** Node answers for tests (signatures are not checked here: the status source does that). */
public final class Assertions {
  private Assertions() {}

  public static StatusAssertion.Builder about(CodePayload code, Instant at) {
    return StatusAssertion.newBuilder()
        .setIssuer(code.getIssuer())
        .setCodeId(code.getCodeId())
        .setState(CodeState.CODE_STATE_ACTIVE)
        .setColor(Color.COLOR_GREEN)
        .setMaskedName(code.getMaskedName())
        .setMaskedIdNumber(code.getMaskedIdNumber())
        .setAssertedAt(Timestamps.of(at))
        .setValidUntil(Timestamps.of(at.plus(Duration.ofMinutes(5))));
  }

  public static StatusLookup.Found found(StatusAssertion a, boolean fromCache) {
    SignedAssertion signed =
        SignedAssertion.newBuilder()
            .setAssertion(a.toByteString())
            .setKeyId(a.getIssuer() + "-k1")
            .setSignature(ByteString.copyFromUtf8("signature"))
            .build();
    return new StatusLookup.Found(a, signed, fromCache);
  }

  public static StatusLookup.Found found(
      CodePayload code, Instant at, Color color, Reason... reasons) {
    StatusAssertion.Builder a = about(code, at).setColor(color);
    for (Reason r : reasons) {
      a.addReasons(r);
    }
    return found(a.build(), false);
  }
}
