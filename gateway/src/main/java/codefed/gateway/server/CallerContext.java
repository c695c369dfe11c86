package codefed.gateway.server;

import io.grpc.Context;

/**
 * The authenticated caller's name (the checkpoint id) for the current call. Set by the server's
 * authentication interceptors; the checkpoint id is never taken from a request.
 */
public final class CallerContext {
  private static final Context.Key<String> NAME = Context.key("codefed-caller-name");

  private CallerContext() {}

  /** The current context with the caller's name set. */
  public static Context with(String name) {
    return Context.current().withValue(NAME, name);
  }

  /** The name of the caller of the current call; fails if no interceptor set it. */
  public static String name() {
    String name = NAME.get();
    if (name == null) {
      throw new IllegalStateException("no authenticated caller in this context");
    }
    return name;
  }
}
