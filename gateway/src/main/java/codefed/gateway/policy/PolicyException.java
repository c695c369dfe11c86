package codefed.gateway.policy;

import java.util.List;

/**
 * A policy document (or set of documents) is not acceptable. Each problem names the file, the field
 * and what is wrong, e.g. {@code 150000-2020-03-19.textproto: excluded[0].from: "2020-13-01" is not
 * an ISO-8601 instant with offset}.
 */
public final class PolicyException extends Exception {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public PolicyException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public PolicyException(String problem) {
    this(List.of(problem));
  }

  /** One line per problem. */
  public List<String> problems() {
    return problems;
  }
}
