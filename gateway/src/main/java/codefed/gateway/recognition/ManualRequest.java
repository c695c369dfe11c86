package codefed.gateway.recognition;

import healthcode.federation.v1.CheckpointType;
import healthcode.federation.v1.ManualMethod;
import healthcode.federation.v1.Measure;
import healthcode.federation.v1.Outcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;

/**
 * A check made by checkpoint staff (paper pass, proxy declaration, ID-card check), recorded so that
 * the log holds every crossing. Build with {@link #of}, which validates it.
 */
public record ManualRequest(
    String checkpointId,
    ManualMethod method,
    CheckpointType checkpointType,
    Optional<String> qrText,
    OptionalDouble temperatureCelsius,
    Outcome outcome,
    List<Measure> measures,
    String note) {
  public static final int MAX_NOTE = 500;

  /** ID numbers, passport numbers and phone numbers: six or more digits in a row. */
  private static final Pattern IDENTIFIER = Pattern.compile("\\d{6,}|[A-Za-z]{1,2}\\d{6,}");

  public ManualRequest {
    Objects.requireNonNull(checkpointId, "checkpointId");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(checkpointType, "checkpointType");
    Objects.requireNonNull(qrText, "qrText");
    Objects.requireNonNull(temperatureCelsius, "temperatureCelsius");
    Objects.requireNonNull(outcome, "outcome");
    measures = List.copyOf(measures);
    Objects.requireNonNull(note, "note");
  }

  /**
   * A validated manual verification.
   *
   * @throws InvalidRequestException naming the first bad field
   */
  public static ManualRequest of(
      String checkpointId,
      ManualMethod method,
      CheckpointType type,
      String qrText,
      OptionalDouble temperature,
      Outcome outcome,
      List<Measure> measures,
      String note)
      throws InvalidRequestException {
    if (method == ManualMethod.MANUAL_METHOD_UNSPECIFIED || method == ManualMethod.UNRECOGNIZED) {
      throw new InvalidRequestException(
          "method", method + " (expected: PAPER_PASS, PROXY or ID_CARD_CHECK)");
    }
    ScanRequest.checkpointType("checkpoint_type", type);
    qrText = ScanRequest.scannedText("qr_text", qrText);
    if (qrText.length() > ScanRequest.MAX_QR_TEXT) {
      throw new InvalidRequestException(
          "qr_text",
          qrText.length() + " characters (expected: <= " + ScanRequest.MAX_QR_TEXT + ")");
    }
    ScanRequest.checkTemperature("temperature_celsius", temperature);
    if (outcome == Outcome.OUTCOME_UNSPECIFIED || outcome == Outcome.UNRECOGNIZED) {
      throw new InvalidRequestException(
          "outcome", outcome + " (expected: the outcome staff decided)");
    }
    for (int i = 0; i < measures.size(); i++) {
      Measure m = measures.get(i);
      if (m == Measure.MEASURE_UNSPECIFIED || m == Measure.UNRECOGNIZED) {
        throw new InvalidRequestException("measures[" + i + "]", m + " (expected: a measure)");
      }
    }
    if (note.length() > MAX_NOTE) {
      throw new InvalidRequestException(
          "note", note.length() + " characters (expected: <= " + MAX_NOTE + ")");
    }
    int unprintable = SafeText.firstUnprintable(note);
    if (unprintable >= 0) {
      throw new InvalidRequestException(
          "note",
          String.format(
              "holds the non-printable character U+%04X (expected: printable text on one line)",
              unprintable));
    }
    if (IDENTIFIER.matcher(note).find()) {
      throw new InvalidRequestException(
          "note", "looks like it holds an ID, passport or phone number (expected: none)");
    }
    return new ManualRequest(
        checkpointId,
        method,
        type,
        qrText.isEmpty() ? Optional.empty() : Optional.of(qrText),
        temperature,
        outcome,
        measures,
        note);
  }
}
