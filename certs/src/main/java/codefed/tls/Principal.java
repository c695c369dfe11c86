package codefed.tls;

import codefed.pki.Role;
import codefed.pki.SpiffeId;
import io.grpc.Context;
import java.util.Objects;

/** The authenticated caller of the current RPC, taken from its certificate's URI SAN. */
public record Principal(SpiffeId id) {
  static final Context.Key<Principal> KEY = Context.key("codefed-principal");

  public Principal {
    Objects.requireNonNull(id, "id");
  }

  public Role role() {
    return id.role();
  }

  public String name() {
    return id.name();
  }

  /**
   * {@code context} with this principal as the caller: what {@link AuthInterceptor} attaches, for
   * in-process servers that authenticate callers another way.
   */
  public Context bindTo(Context context) {
    return context.withValue(KEY, this);
  }

  /** The caller of the RPC running on this thread; fails if no {@link AuthInterceptor} ran. */
  public static Principal current() {
    Principal p = KEY.get();
    if (p == null) {
      throw new IllegalStateException("no authenticated principal in this context");
    }
    return p;
  }
}
