package codefed.node.population;

import static org.assertj.core.api.Assertions.assertThat;

import codefed.code.HealthCodeText;
import codefed.pki.PkiDirectory;
import codefed.pki.TestPki;
import codefed.trust.TrustList;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import healthcode.federation.v1.CodePayload;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PopulationExportTest {
  private static final Instant NOW = Instant.parse("2020-03-20T01:00:00Z");

  @TempDir Path dir;

  @Test
  void export_signedCodesOfTheSamePopulationTheNodeLoads_oneLineEach() throws Exception {
    PkiDirectory pki = TestPki.create(dir.resolve("pki"), "140000");
    PopulationExporter exporter =
        new PopulationExporter(
            "140000", 42, pki.issuerSigner("140000"), Clock.fixed(NOW, ZoneOffset.UTC));
    StringWriter out = new StringWriter();
    List<String> sunk = new ArrayList<>();

    exporter.export(30, out, (i, qr) -> sunk.add(qr));

    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSize(30).isEqualTo(sunk);
    TrustList trustList = pki.trustList();
    PopulationGenerator generator = new PopulationGenerator("140000", 42);
    for (int i = 0; i < lines.size(); i++) {
      CodePayload payload =
          trustList.verifyCode(HealthCodeText.decode(lines.get(i)), NOW).payload();
      Resident resident = generator.resident(i, NOW);
      assertThat(payload.getCodeId().toByteArray()).isEqualTo(resident.codeId().toBytes());
      assertThat(payload.getColorSnapshot().getColor()).isEqualTo(resident.intendedColor());
      assertThat(payload.getProxyDeclared()).isEqualTo(resident.declaration().hasProxy());
    }
  }

  @Test
  void qrImage_decodesBackToTheSameText() throws Exception {
    String text =
        "HCF1:" + "6BFOXN*TS0BI$ZD4N9:9S6RCVN5+O30K3/XIV0W23NTDEXWK G2EP4J0B" + "3-4FW9".repeat(40);
    Path png = dir.resolve("code.png");

    QrImages.writePng(text, png);

    var image = ImageIO.read(png.toFile());
    var decoded =
        new MultiFormatReader()
            .decode(new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))));
    assertThat(decoded.getText()).isEqualTo(text);
  }
}
