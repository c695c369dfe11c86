package codefed.gateway.recognition;

import codefed.code.HealthCodeText;
import codefed.code.MalformedCodeException;
import healthcode.federation.v1.CheckpointType;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One scan at a checkpoint. Build with {@link #of}, which validates the fields the caller controls;
 * the checkpoint id is the caller's authenticated name, never taken from a request.
 */
public record ScanRequest(
    String checkpointId,
    CheckpointType checkpointType,
    String qrText,
    OptionalDouble temperatureCelsius) {
  /** Longest QR text accepted (4 KiB). */
  public static final int MAX_QR_TEXT = 4096;

  public static final double MIN_TEMPERATURE = 30.0;
  public static final double MAX_TEMPERATURE = 45.0;

  public ScanRequest {
    Objects.requireNonNull(checkpointId, "checkpointId");
    Objects.requireNonNull(checkpointType, "checkpointType");
    Objects.requireNonNull(qrText, "qrText");
    Objects.requireNonNull(temperatureCelsius, "temperatureCelsius");
  }

  /**
   * A validated scan.
   *
   * @param prefix the request path of the fields in messages, e.g. {@code "scan."}
   * @throws InvalidRequestException naming the first bad field
   */
  public static ScanRequest of(
      String prefix,
      String checkpointId,
      CheckpointType type,
      String qrText,
      OptionalDouble temperature)
      throws InvalidRequestException {
    qrText = scannedText(prefix + "qr_text", qrText);
    if (qrText.isEmpty()) {
      throw new InvalidRequestException(
          prefix + "qr_text", "empty (expected: the scanned QR text)");
    }
    if (qrText.length() > MAX_QR_TEXT) {
      throw new InvalidRequestException(
          prefix + "qr_text", qrText.length() + " characters (expected: <= " + MAX_QR_TEXT + ")");
    }
    checkpointType(prefix + "checkpoint_type", type);
    checkTemperature(prefix + "temperature_celsius", temperature);
    return new ScanRequest(checkpointId, type, qrText, temperature);
  }

  /**
   * The scanned text without the line ends and blanks a hand-held scanner adds ({@link
   * HealthCodeText#normalize}); other control characters are a bad request, not a forged code.
   */
  static String scannedText(String field, String raw) throws InvalidRequestException {
    try {
      return HealthCodeText.normalize(raw);
    } catch (MalformedCodeException e) {
      String message = e.getMessage();
      throw new InvalidRequestException(field, message.substring(message.indexOf(':') + 2));
    }
  }

  static void checkpointType(String field, CheckpointType type) throws InvalidRequestException {
    if (type == CheckpointType.CHECKPOINT_TYPE_UNSPECIFIED || type == CheckpointType.UNRECOGNIZED) {
      throw new InvalidRequestException(
          field, type + " (expected: TRAFFIC, PUBLIC_PLACE or MEDICAL)");
    }
  }

  static void checkTemperature(String field, OptionalDouble temperature)
      throws InvalidRequestException {
    if (temperature.isPresent()) {
      double t = temperature.getAsDouble();
      if (!(t >= MIN_TEMPERATURE && t <= MAX_TEMPERATURE)) {
        throw new InvalidRequestException(
            field, t + " (expected: " + MIN_TEMPERATURE + " to " + MAX_TEMPERATURE + ")");
      }
    }
  }
}
