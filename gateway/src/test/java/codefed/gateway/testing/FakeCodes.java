package codefed.gateway.testing;

import codefed.gateway.recognition.CodeVerifier;
import codefed.gateway.recognition.Timestamps;
import codefed.gateway.recognition.UnverifiableCodeException;
import codefed.gateway.recognition.VerifiedPayload;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.CodePayload;
import healthcode.federation.v1.Color;
import healthcode.federation.v1.ColorSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A code verifier over codes the test registers: their QR text is a made-up token; anything else
 * fails verification the way a tampered code does. Remembers every verification.
 */
public final class FakeCodes implements CodeVerifier {
  private final Map<String, CodePayload> codes = new ConcurrentHashMap<>();
  private final List<String> verified = new CopyOnWriteArrayList<>();
  private int next;

  /** A code of {@code issuer} issued at {@code issuedAt}, valid 14 days, without snapshot. */
  public synchronized String issue(String issuer, Instant issuedAt) {
    return register(payload(issuer, issuedAt).build());
  }

  /** A code with a color snapshot as of {@code asOf}. */
  public synchronized String issueWithSnapshot(
      String issuer, Instant issuedAt, Color color, Instant asOf) {
    return register(
        payload(issuer, issuedAt)
            .setColorSnapshot(
                ColorSnapshot.newBuilder().setColor(color).setAsOf(Timestamps.of(asOf)))
            .build());
  }

  public synchronized String register(CodePayload payload) {
    String qr = "HCF1:FAKE" + (next++);
    codes.put(qr, payload);
    return qr;
  }

  public CodePayload payload(String qrText) {
    return codes.get(qrText);
  }

  public synchronized CodePayload.Builder payload(String issuer, Instant issuedAt) {
    byte[] id = new byte[16];
    id[0] = (byte) next;
    id[15] = (byte) 0x5a;
    return CodePayload.newBuilder()
        .setIssuer(issuer)
        .setCodeId(ByteString.copyFrom(id))
        .setIssuedAt(Timestamps.of(issuedAt))
        .setExpiresAt(Timestamps.of(issuedAt.plus(Duration.ofDays(14))))
        .setMaskedName("张*")
        .setMaskedIdNumber("1401**********1235");
  }

  @Override
  public VerifiedPayload verify(String qrText, Instant now) throws UnverifiableCodeException {
    verified.add(qrText);
    CodePayload p = codes.get(qrText);
    if (p == null) {
      throw new UnverifiableCodeException("BAD_SIGNATURE", "", null);
    }
    return new VerifiedPayload(p, p.getIssuer() + "-k1");
  }

  public List<String> verifications() {
    return List.copyOf(verified);
  }
}
