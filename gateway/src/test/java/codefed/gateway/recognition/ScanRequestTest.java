package codefed.gateway.recognition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import healthcode.federation.v1.CheckpointType;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ScanRequestTest {
  static final CheckpointType TRAFFIC = CheckpointType.CHECKPOINT_TYPE_TRAFFIC;

  @Test
  void of_emptyQrText_namesTheField() {
    assertThatThrownBy(() -> ScanRequest.of("scan.", "c", TRAFFIC, "", OptionalDouble.empty()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage("scan.qr_text: empty (expected: the scanned QR text)");
  }

  @Test
  void of_qrTextOver4KiB_isRefused() {
    assertThatThrownBy(
            () -> ScanRequest.of("scan.", "c", TRAFFIC, "H".repeat(4097), OptionalDouble.empty()))
        .hasMessage("scan.qr_text: 4097 characters (expected: <= 4096)");
  }

  @Test
  void of_qrTextOfExactly4KiB_isAccepted() throws Exception {
    assertThat(
            ScanRequest.of("scan.", "c", TRAFFIC, "H".repeat(4096), OptionalDouble.empty())
                .qrText())
        .hasSize(4096);
  }

  @Test
  void of_unspecifiedCheckpointType_isRefused() {
    assertThatThrownBy(
            () ->
                ScanRequest.of(
                    "scan.",
                    "c",
                    CheckpointType.CHECKPOINT_TYPE_UNSPECIFIED,
                    "HCF1:x",
                    OptionalDouble.empty()))
        .hasMessage(
            "scan.checkpoint_type: CHECKPOINT_TYPE_UNSPECIFIED (expected: TRAFFIC, PUBLIC_PLACE or MEDICAL)");
  }

  @Test
  void of_temperatureOutside30To45_isRefused() {
    assertThatThrownBy(
            () -> ScanRequest.of("scan.", "c", TRAFFIC, "HCF1:x", OptionalDouble.of(29.9)))
        .hasMessage("scan.temperature_celsius: 29.9 (expected: 30.0 to 45.0)");
    assertThatThrownBy(
            () -> ScanRequest.of("scan.", "c", TRAFFIC, "HCF1:x", OptionalDouble.of(45.1)))
        .hasMessageStartingWith("scan.temperature_celsius: 45.1");
    assertThatThrownBy(
            () -> ScanRequest.of("scan.", "c", TRAFFIC, "HCF1:x", OptionalDouble.of(Double.NaN)))
        .hasMessageStartingWith("scan.temperature_celsius: NaN");
  }

  @Test
  void of_temperatureAtTheBounds_isAccepted() throws Exception {
    assertThat(
            ScanRequest.of("scan.", "c", TRAFFIC, "HCF1:x", OptionalDouble.of(30.0))
                .temperatureCelsius())
        .hasValue(30.0);
    assertThat(
            ScanRequest.of("scan.", "c", TRAFFIC, "HCF1:x", OptionalDouble.of(45.0))
                .temperatureCelsius())
        .hasValue(45.0);
  }
}
