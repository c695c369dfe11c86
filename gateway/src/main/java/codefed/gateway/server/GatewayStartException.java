package codefed.gateway.server;

/** The gateway cannot start: policies, trust list or keys are unusable (the message says which). */
public final class GatewayStartException extends Exception {
  private static final long serialVersionUID = 1L;

  public GatewayStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
