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
import java.util.EnumMap;
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
    BufferedImageLuminanceSource pixels = new BufferedImageLuminanceSource(picture);
    try {
      return read(pixels, false);
    } catch (NotFoundException | ChecksumException | FormatException first) {
      // A rendered image (not a photo) is read exactly as a pure symbol. The general search finds
      // no finder patterns in about 2 % of rendered codes of a 293-character code's size, when
      // the data happens to mimic them.
      try {
        return read(pixels, true);
      } catch (NotFoundException | ChecksumException | FormatException ignored) {
        throw unreadable(image, first);
      }
    }
  }

  private static String read(BufferedImageLuminanceSource pixels, boolean pure)
      throws NotFoundException, ChecksumException, FormatException {
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
    hints.put(DecodeHintType.CHARACTER_SET, "UTF-8");
    if (pure) {
      hints.put(DecodeHintType.PURE_BARCODE, Boolean.TRUE);
    }
    return new QRCodeReader()
        .decode(new BinaryBitmap(new HybridBinarizer(pixels)), hints)
        .getText();
  }

  private static IOException unreadable(Path image, Exception e) {
    return e instanceof NotFoundException
        ? new IOException(image + ": no QR code found", e)
        : new IOException(image + ": QR code unreadable (" + e.getClass().getSimpleName() + ")", e);
  }
}
