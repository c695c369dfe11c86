package codefed.cli.cases;

import codefed.code.HealthCodeText;
import codefed.code.MalformedCodeException;
import codefed.gateway.cases.RecognitionCase;
import com.google.protobuf.ByteString;
import healthcode.federation.v1.SignedCode;
import java.util.Random;

/** Damages a QR text the way an acceptance case says: one bit, one byte, half, or garbage. */
final class Tampering {
  private static final String PREFIX = "HCF1:";
  private static final String GARBAGE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 $%*+-./:";

  private Tampering() {}

  static String apply(RecognitionCase.Tamper tamper, String qrText, long seed) {
    Random random = new Random(seed);
    switch (tamper) {
      case NONE:
        return qrText;
      case SIGNATURE:
        {
          SignedCode code = decode(qrText);
          byte[] sig = code.getSignature().toByteArray();
          sig[random.nextInt(sig.length)] ^= (byte) (1 << random.nextInt(8));
          return HealthCodeText.encode(
              code.toBuilder().setSignature(ByteString.copyFrom(sig)).build());
        }
      case PAYLOAD:
        {
          SignedCode code = decode(qrText);
          byte[] payload = code.getPayload().toByteArray();
          int i = random.nextInt(payload.length);
          payload[i] = (byte) (payload[i] + 1 + random.nextInt(255));
          return HealthCodeText.encode(
              code.toBuilder().setPayload(ByteString.copyFrom(payload)).build());
        }
      case TRUNCATED:
        return qrText.substring(0, qrText.length() / 2);
      case GARBAGE:
        {
          StringBuilder sb = new StringBuilder(PREFIX);
          for (int i = 0; i < 120; i++) {
            sb.append(GARBAGE_ALPHABET.charAt(random.nextInt(GARBAGE_ALPHABET.length())));
          }
          return sb.toString();
        }
      default:
        throw new IllegalArgumentException("tamper: " + tamper);
    }
  }

  private static SignedCode decode(String qrText) {
    try {
      return HealthCodeText.decode(qrText);
    } catch (MalformedCodeException e) {
      throw new IllegalStateException(
          "a freshly issued code does not decode: " + e.getMessage(), e);
    }
  }
}
