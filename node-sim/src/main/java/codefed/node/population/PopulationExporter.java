package codefed.node.population;

import codefed.node.declaration.DeclarationValidator;
import codefed.node.issuance.CodeSigner;
import codefed.node.issuance.ColorSnapshot;
import codefed.node.region.Regions;
import codefed.node.registry.CodeRecord;
import codefed.node.status.RiskAreas;
import codefed.node.status.StatusEvaluator;
import codefed.signing.Signer;
import java.io.IOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Writes a synthetic population's codes as QR texts, one per line, signed with the province's
 * issuer key: the same residents and code ids a node started with the same province, count and seed
 * (and clock start) holds. Each code carries a color snapshot as of the export.
 */
public final class PopulationExporter {
  private final PopulationGenerator generator;
  private final CodeSigner signer;
  private final DeclarationValidator validator;
  private final Clock clock;

  public PopulationExporter(String province, long seed, Signer issuerKey, Clock clock) {
    this.generator = new PopulationGenerator(province, seed);
    this.signer = new CodeSigner(province, issuerKey);
    this.validator = new DeclarationValidator(Regions.bundled(), clock);
    this.clock = clock;
  }

  /** Receives each exported code (e.g. to render a PNG). */
  public interface Sink {
    void accept(int index, String qrText) throws IOException;
  }

  /** Writes residents 0 … count−1 to {@code out}, one QR text per line, and to {@code sink}. */
  public int export(int count, Writer out, Sink sink) throws IOException {
    Instant reference = clock.instant();
    for (int i = 0; i < count; i++) {
      Resident resident = generator.resident(i, reference);
      CodeRecord record = PopulationLoader.record(resident, reference, validator);
      var color = StatusEvaluator.evaluate(record, RiskAreas.none(), reference).color();
      String qr = signer.qrText(record, Optional.of(new ColorSnapshot(color, reference)));
      out.write(qr);
      out.write('\n');
      sink.accept(i, qr);
    }
    out.flush();
    return count;
  }
}
