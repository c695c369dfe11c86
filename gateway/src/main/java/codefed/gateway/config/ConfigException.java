package codefed.gateway.config;

import java.util.List;

/** The gateway configuration is not acceptable; one line per problem, naming file and field. */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  public ConfigException(List<String> problems) {
    super(String.join("\n", problems));
  }

  public ConfigException(String problem, Throwable cause) {
    super(problem, cause);
  }
}
