package codefed.node.population;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Renders QR texts as PNG images. {@code HCF1:} + Base45 uses only the QR alphanumeric alphabet, so
 * the symbol stays small.
 */
public final class QrImages {
  private static final int SIZE_PIXELS = 400;

  private QrImages() {}

  /** Writes {@code text} as a QR code (error correction M) to {@code file}. */
  public static void writePng(String text, Path file) throws IOException {
    try {
      BitMatrix matrix =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  SIZE_PIXELS,
                  SIZE_PIXELS,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      2));
      MatrixToImageWriter.writeToPath(matrix, "PNG", file);
    } catch (WriterException e) {
      throw new IOException("cannot render a QR code of " + text.length() + " characters", e);
    }
  }
}
