package codefed.node.cli;

import codefed.node.population.PopulationExporter;
import codefed.node.population.QrImages;
import codefed.pki.PkiDirectory;
import java.io.BufferedWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code codefed population export}. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write the QR texts (one per line) of N synthetic residents, signed with the province's "
          + "issuer key: the codes a node started with the same --province, --population and --seed holds.",
      "With --png, also one QR image per resident (000000.png, 000001.png, ...)."
    })
final class PopulationExportCommand implements Callable<Integer> {
  @Option(
      names = "--province",
      required = true,
      description = "GB/T 2260 province code, e.g. 140000.")
  String province;

  @Option(names = "--count", required = true, description = "Number of residents.")
  int count;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Population seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--pki",
      required = true,
      description = "PKI directory holding the province's issuer key.")
  Path pki;

  @Option(names = "--out", required = true, description = "File for the QR texts.")
  Path out;

  @Option(names = "--png", description = "Directory for QR images.")
  Path pngDir;

  @Option(
      names = "--clock-start",
      description = "Export as of this ISO-8601 instant (as the node's --clock-start).")
  OffsetDateTime clockStart;

  @Override
  public Integer call() throws Exception {
    if (count < 0) {
      throw new IllegalArgumentException("--count: " + count + " (expected: >= 0)");
    }
    PkiDirectory directory = PkiDirectory.open(pki);
    PopulationExporter exporter =
        new PopulationExporter(
            province, seed, directory.issuerSigner(province), ClockOption.of(clockStart));
    if (pngDir != null) {
      Files.createDirectories(pngDir);
    }
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (Writer writer =
        new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.US_ASCII))) {
      exporter.export(
          count,
          writer,
          (index, qr) -> {
            if (pngDir != null) {
              QrImages.writePng(qr, pngDir.resolve(String.format(Locale.ROOT, "%06d.png", index)));
            }
          });
    }
    System.out.println(
        "wrote "
            + count
            + " QR texts to "
            + out
            + (pngDir == null ? "" : " and " + count + " images to " + pngDir));
    return 0;
  }
}
