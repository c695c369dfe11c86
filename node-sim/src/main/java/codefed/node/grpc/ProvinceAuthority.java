package codefed.node.grpc;

import codefed.pki.Role;
import codefed.rpc.status.RpcError;
import codefed.tls.Principal;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Objects;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Authority is per province: on node P, a writing RPC ({@link NodeRoles#writes}) is allowed only to
 * {@code platform/P} — the national platform included, whose node and platform are both named
 * {@code NATIONAL}. It runs after the authentication interceptor, reads the caller it put in the
 * {@code io.grpc.Context}, and refuses anyone else with {@code PERMISSION_DENIED} naming the rule,
 * before the service sees the call. No caller in the context denies as well.
 */
public final class ProvinceAuthority implements ServerInterceptor {
  private static final Logger LOG = Logger.getLogger(ProvinceAuthority.class.getName());

  private final String province;

  /**
   * @param province the province this node answers for (its {@code node/<province>} name)
   */
  public ProvinceAuthority(String province) {
    this.province = Objects.requireNonNull(province, "province");
  }

  /**
   * Why {@code caller} may not write on the node of {@code province}; empty when it may. The one
   * statement of the rule.
   */
  public static Optional<String> refusal(Principal caller, String province) {
    if (caller.role() != Role.PLATFORM) {
      return Optional.of(
          "only platform/"
              + province
              + " may write on node "
              + province
              + "; the caller is "
              + caller.role().pathSegment()
              + "/"
              + caller.name());
    }
    if (!caller.name().equals(province)) {
      return Optional.of(
          "platform/"
              + caller.name()
              + " may write only on node "
              + caller.name()
              + "; this is node "
              + province);
    }
    return Optional.empty();
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if (!NodeRoles.writes(method)) {
      return next.startCall(call, headers);
    }
    Optional<String> refusal = currentRefusal();
    if (refusal.isPresent()) {
      LOG.log(Level.WARNING, "refused " + method + ": " + refusal.get());
      StatusRuntimeException denied =
          RpcError.of(Status.Code.PERMISSION_DENIED, refusal.get())
              .reason("WRITE_NOT_AUTHORIZED")
              .metadata("node", province)
              .toException();
      call.close(denied.getStatus(), denied.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }

  private Optional<String> currentRefusal() {
    Principal caller;
    try {
      caller = Principal.current();
    } catch (RuntimeException e) {
      return Optional.of("no authenticated caller for a write on node " + province);
    }
    return refusal(caller, province);
  }
}
