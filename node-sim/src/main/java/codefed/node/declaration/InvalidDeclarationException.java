package codefed.node.declaration;

import healthcode.federation.v1.Language;
import java.util.List;

/**
 * A declaration field is invalid. {@link #getMessage()} names the field and says what is wrong in
 * English ({@code "declaration.id_number: bad check digit"}); {@link #message(Language)} words it
 * in the declarant's language, still naming the field.
 */
public final class InvalidDeclarationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String field;
  private final Problem problem;
  private final transient List<Object> args;

  public InvalidDeclarationException(String field, Problem problem, Object... args) {
    this(Language.LANGUAGE_EN, field, problem, List.of(args));
  }

  private InvalidDeclarationException(
      Language language, String field, Problem problem, List<Object> args) {
    super(field + ": " + problem.format(language, args.toArray()));
    this.field = field;
    this.problem = problem;
    this.args = args;
  }

  /** The same failure with {@link #getMessage()} worded in {@code language}, for the declarant. */
  public InvalidDeclarationException worded(Language language) {
    return new InvalidDeclarationException(language, field, problem, args);
  }

  /** The field path, e.g. {@code declaration.travel.arrived_at}. */
  public String field() {
    return field;
  }

  public Problem problem() {
    return problem;
  }

  /** The message in the given language, e.g. {@code "declaration.id_number: 校验码错误"}. */
  public String message(Language language) {
    return field + ": " + problem.format(language, args.toArray());
  }
}
