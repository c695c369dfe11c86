package codefed.gateway.cli;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/** Reads the text of the QR code in a picture (ZXing). */
final class QrImages {
  private QrImages() {}

  /**
   * @throws IOException if the file is not a readable image or holds no readable QR code
   */
  static String decode(Path image) throws IOException {
    BufferedImage picture = ImageIO.read(image.toFile());
    if (picture == null) {
      throw new IOException(image + ": not a PNG, JPEG or GIF image");
    }
    BinaryBitmap bitmap =
        new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(picture)));
    Map<DecodeHintType, Object> hints =
        Map.of(
            DecodeHintType.TRY_HARDER,
            Boolean.TRUE,
            DecodeHintType.POSSIBLE_FORMATS,
            List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.CHARACTER_SET,
            "UTF-8");
    try {
      return new QRCodeReader().decode(bitmap, hints).getText();
    } catch (NotFoundException e) {
      throw new IOException(image + ": no QR code found", e);
    } catch (ChecksumException | FormatException e) {
      throw new IOException(
          image + ": QR code unreadable (" + e.getClass().getSimpleName() + ")", e);
    }
  }
}
