package codefed.code;

import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.SignedCode;

/**
 * The QR text of a health code: {@code "HCF1:" + Base45(SignedCode bytes)}.
 *
 * <p>Decoding is total: whatever the scanner hands in, the result is a {@link SignedCode} with
 * payload, key id and signature present, or a {@link MalformedCodeException}. The signature and
 * the payload are checked later, by the trust list.
 */
public final class HealthCodeText {
  public static final String PREFIX = "HCF1:";
  /** Far above any real code (a few hundred characters); bounds the work done on garbage. */
  public static final int MAX_LENGTH = 4096;

  private HealthCodeText() {}

  /** The QR text of a signed code. */
  public static String encode(SignedCode code) {
    return PREFIX + Base45.encode(code.toByteArray());
  }

  /** Parses QR text into a signed code; never throws anything but {@link MalformedCodeException}. */
  public static SignedCode decode(String qrText) throws MalformedCodeException {
    try {
      return parse(qrText);
    } catch (MalformedCodeException e) {
      throw e;
    } catch (RuntimeException e) {
      // Defence in depth: decoding is fed untrusted input and must stay total.
      throw new MalformedCodeException("qr_text: undecodable", e);
    }
  }

  private static SignedCode parse(String qrText) throws MalformedCodeException {
    if (qrText == null || qrText.isEmpty()) {
      throw new MalformedCodeException("qr_text: empty");
    }
    if (qrText.length() > MAX_LENGTH) {
      throw new MalformedCodeException(
          "qr_text: " + qrText.length() + " characters (expected: <= " + MAX_LENGTH + ")");
    }
    if (!qrText.startsWith(PREFIX)) {
      throw new MalformedCodeException("qr_text: missing prefix (expected: " + PREFIX + ")");
    }
    byte[] bytes;
    try {
      bytes = Base45.decode(qrText.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new MalformedCodeException("qr_text: " + e.getMessage(), e);
    }
    SignedCode code;
    try {
      code = SignedCode.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new MalformedCodeException("qr_text: not a SignedCode protobuf", e);
    }
    if (code.getPayload().isEmpty()) {
      throw new MalformedCodeException("signed_code.payload: missing");
    }
    if (code.getKeyId().isEmpty()) {
      throw new MalformedCodeException("signed_code.key_id: missing");
    }
    if (code.getSignature().isEmpty()) {
      throw new MalformedCodeException("signed_code.signature: missing");
    }
    return code;
  }
}
