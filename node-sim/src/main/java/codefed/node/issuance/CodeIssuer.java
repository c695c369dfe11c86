package codefed.node.issuance;

import codefed.code.HealthCodeText;
import codefed.node.declaration.AcceptedDeclaration;
import codefed.node.declaration.DeclarationValidator;
import codefed.node.declaration.InvalidDeclarationException;
import codefed.node.registry.CodeId;
import codefed.node.registry.CodeRecord;
import codefed.node.status.HolderStatus;
import codefed.node.status.StatusBook;
import codefed.node.status.UnknownCodeException;
import healthcode.federation.v1.Declaration;
import healthcode.federation.v1.SignedCode;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Issues codes: validates the declaration, stores the record (masked identity, reasons from the
 * declaration), signs the payload and returns the QR text.
 */
public final class CodeIssuer {
  private final CodeSigner signer;
  private final StatusBook book;
  private final DeclarationValidator validator;
  private final Clock clock;
  private final RandomGenerator ids;
  private final Declaration defaultDeclaration;

  /**
   * @param ids source of code ids: a {@code SecureRandom} (code ids must not be guessable)
   */
  public CodeIssuer(
      CodeSigner signer,
      StatusBook book,
      DeclarationValidator validator,
      Clock clock,
      RandomGenerator ids) {
    this.signer = signer;
    this.book = book;
    this.validator = validator;
    this.clock = clock;
    this.ids = ids;
    this.defaultDeclaration = DefaultDeclaration.forProvince(signer.issuer());
  }

  /** What {@code IssueCode} does: issue now, with the current color as snapshot if asked. */
  public IssuedCode issue(Declaration declaration, boolean includeSnapshot)
      throws InvalidDeclarationException {
    IssueOptions.Builder options = IssueOptions.builder().declaration(declaration);
    return issue(includeSnapshot ? options.currentSnapshot().build() : options.build());
  }

  /** Issues a code as the options say (see {@link IssueOptions}). */
  public IssuedCode issue(IssueOptions options) throws InvalidDeclarationException {
    AcceptedDeclaration accepted =
        validator.validate(options.declaration().orElse(defaultDeclaration));
    CodeId id = options.codeId().orElseGet(() -> CodeId.random(ids));
    CodeRecord record =
        CodeRecords.of(accepted, id, options.issuedAt().orElse(clock.instant()), Set.of());
    book.register(record);
    if (options.status().isPresent()) {
      try {
        book.update(id, options.status().get().update());
      } catch (UnknownCodeException e) {
        throw new IllegalStateException("code registered a moment ago is missing", e);
      }
    }
    HolderStatus status = book.observe(id).orElseThrow().status();
    SignedCode signed = signer.sign(record, snapshot(options.snapshot(), status, record));
    return new IssuedCode(
        id, HealthCodeText.encode(signed), signed, status, record.issuedAt(), record.expiresAt());
  }

  private static Optional<ColorSnapshot> snapshot(
      IssueOptions.Snapshot choice, HolderStatus status, CodeRecord record) {
    if (choice instanceof IssueOptions.Snapshot.Given given) {
      return Optional.of(given.snapshot());
    }
    if (choice instanceof IssueOptions.Snapshot.Current) {
      return Optional.of(new ColorSnapshot(status.color(), record.issuedAt()));
    }
    return Optional.empty();
  }
}
