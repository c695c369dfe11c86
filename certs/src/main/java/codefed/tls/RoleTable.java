package codefed.tls;

import codefed.pki.Role;
import io.grpc.MethodDescriptor;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which roles may call which RPC, declared in one place per server. A method not in the table is
 * denied. Health checks and reflection are open to any authenticated federation member.
 */
public final class RoleTable {
  private static final Set<String> OPEN_SERVICES =
      Set.of(
          "grpc.health.v1.Health",
          "grpc.reflection.v1alpha.ServerReflection",
          "grpc.reflection.v1.ServerReflection");

  private final Map<String, Set<Role>> byMethod;
  private final Map<String, Set<Role>> byService;

  private RoleTable(Builder b) {
    this.byMethod = Map.copyOf(b.byMethod);
    this.byService = Map.copyOf(b.byService);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether {@code role} may call {@code fullMethodName} ({@code service/method}). */
  public boolean allows(String fullMethodName, Role role) {
    String service = MethodDescriptor.extractFullServiceName(fullMethodName);
    if (service != null && OPEN_SERVICES.contains(service)) {
      return true;
    }
    Set<Role> roles = byMethod.get(fullMethodName);
    if (roles == null && service != null) {
      roles = byService.get(service);
    }
    return roles != null && roles.contains(role);
  }

  /** Declares the table. */
  public static final class Builder {
    private final Map<String, Set<Role>> byMethod = new HashMap<>();
    private final Map<String, Set<Role>> byService = new HashMap<>();

    private Builder() {}

    public Builder allow(MethodDescriptor<?, ?> method, Role first, Role... more) {
      byMethod.put(method.getFullMethodName(), Set.copyOf(EnumSet.of(first, more)));
      return this;
    }

    /** Every method of a service (a per-method entry takes precedence). */
    public Builder allowService(String serviceName, Role first, Role... more) {
      byService.put(serviceName, Set.copyOf(EnumSet.of(first, more)));
      return this;
    }

    public RoleTable build() {
      return new RoleTable(this);
    }
  }
}
