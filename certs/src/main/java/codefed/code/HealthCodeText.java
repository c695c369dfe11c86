package codefed.code;

import com.google.protobuf.InvalidProtocolBufferException;
import healthcode.federation.v1.SignedCode;

/**
 * The QR text of a health code: {@code "HCF1:" + Base45(SignedCode bytes)}.
 *
 * <p>Decoding is total: whatever the scanner hands in, the result is a {@link SignedCode} with
 * payload, key id and signature present, or a {@link MalformedCodeException}. The signature and the
 * payload are checked later, by the trust list.
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

  /**
   * The QR text as a hand-held scanner delivered it, without the line ends and blanks scanners add
   * around it. Leading whitespace before the prefix and trailing whitespace (space, tab, CR, LF)
   * are removed: a valid code can never end with a blank, because the last Base45 character of a
   * group is its most significant digit, at most 32 ({@code 'W'}), and the space is digit 36. A
   * blank right after the prefix may be data and is kept. Any other control character is refused:
   * it comes from a misconfigured scanner or a crafted input, never from a code.
   *
   * @throws MalformedCodeException naming the first control character and its position
   */
  public static String normalize(String scanned) throws MalformedCodeException {
    if (scanned == null) {
      throw new MalformedCodeException("qr_text: empty");
    }
    int end = scanned.length();
    while (end > 0 && isBlank(scanned.charAt(end - 1))) {
      end--;
    }
    int start = 0;
    while (start < end && isBlank(scanned.charAt(start))) {
      start++;
    }
    for (int i = start; i < end; i++) {
      char c = scanned.charAt(i);
      if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\ufeff') {
        throw new MalformedCodeException(
            String.format(
                "qr_text: control character U+%04X at position %d (expected: the printable text of the QR; "
                    + "a scanner that adds control codes needs its suffix set to CR or LF only)",
                (int) c, i));
      }
    }
    return scanned.substring(start, end);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  /**
   * Parses QR text into a signed code, after {@link #normalize}; never throws anything but {@link
   * MalformedCodeException}.
   */
  public static SignedCode decode(String qrText) throws MalformedCodeException {
    try {
      return parse(normalize(qrText));
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
