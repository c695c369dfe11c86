package codefed.node.population;

import codefed.node.declaration.DeclarationValidator;
import codefed.node.declaration.InvalidDeclarationException;
import codefed.node.issuance.CodeRecords;
import codefed.node.registry.CodeRecord;
import codefed.node.status.StatusBook;
import java.time.Instant;

/** Registers a synthetic population's codes in a node (no signing: QR texts come from export). */
public final class PopulationLoader {
  private PopulationLoader() {}

  /**
   * Registers residents 0 … count−1, each code issued {@code issuedAgo} before {@code reference}.
   *
   * @return the number of codes registered
   */
  public static int load(
      PopulationGenerator generator,
      int count,
      Instant reference,
      DeclarationValidator validator,
      StatusBook book) {
    generator
        .residents(count, reference)
        .forEach(r -> book.register(record(r, reference, validator)));
    return count;
  }

  /** The record the node keeps for a resident. */
  public static CodeRecord record(
      Resident resident, Instant reference, DeclarationValidator validator) {
    try {
      return CodeRecords.of(
          validator.validate(resident.declaration()),
          resident.codeId(),
          reference.minus(resident.issuedAgo()),
          resident.findings());
    } catch (InvalidDeclarationException e) {
      throw new IllegalStateException(
          "synthetic resident " + resident.index() + " invalid: " + e.getMessage(), e);
    }
  }
}
