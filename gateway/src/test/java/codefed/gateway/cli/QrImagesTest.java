package codefed.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codefed scan --image}: every rendered code reads back, a picture without one is named. */
class QrImagesTest {
  private static final String BASE45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

  @TempDir Path dir;

  @Test
  void renderedCodes_ofAHealthCodesSize_allReadBack() throws Exception {
    // As `population export --png` renders them: 400 px, error correction M, margin 2. About 2 %
    // of such symbols defeat the general finder-pattern search alone.
    SplittableRandom random = new SplittableRandom(42);
    List<String> unread = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String text = "HCF1:" + base45(random, 288);
      Path png = dir.resolve(i + ".png");
      MatrixToImageWriter.writeToPath(
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  400,
                  400,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      2)),
          "PNG",
          png);
      try {
        if (!QrImages.decode(png).equals(text)) {
          unread.add(i + ": other text");
        }
      } catch (IOException e) {
        unread.add(i + ": " + e.getMessage());
      }
    }
    assertThat(unread).isEmpty();
  }

  @Test
  void pictureWithoutACode_namedAsSuch() throws Exception {
    Path blank = dir.resolve("blank.png");
    BufferedImage white = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    white.getGraphics().fillRect(0, 0, 200, 200);
    ImageIO.write(white, "PNG", blank.toFile());
    assertThatThrownBy(() -> QrImages.decode(blank))
        .isInstanceOf(IOException.class)
        .hasMessage(blank + ": no QR code found");

    Path text = dir.resolve("not-an-image.png");
    Files.writeString(text, "HCF1:...");
    assertThatThrownBy(() -> QrImages.decode(text))
        .hasMessage(text + ": not a PNG, JPEG or GIF image");
  }

  private static String base45(SplittableRandom random, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(BASE45.charAt(random.nextInt(BASE45.length())));
    }
    return out.toString();
  }
}
