package codefed.threads;

import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/**
 * Where a server's inbound calls run: the named methods on the transport thread that read them,
 * every other call on a pool. For a server built with {@code directExecutor()} and this as its call
 * executor; the named methods must never block (their slow steps are asynchronous).
 *
 * <p>gRPC looks a method up on the server's own executor before it asks this supplier, so a server
 * whose own executor is a pool hands every call to that pool once, even those the supplier then
 * keeps direct (and a call whose message arrived with its headers is usually run there to the end).
 * Hence the direct server executor and the pool named here.
 */
public final class TransportThreadCalls implements ServerCallExecutorSupplier {
  private final Executor pool;
  private final Set<String> direct;

  private TransportThreadCalls(Executor pool, Set<String> direct) {
    this.pool = Objects.requireNonNull(pool, "pool");
    this.direct = direct;
  }

  /** {@code methods} on the transport thread, every other call on {@code pool}. */
  public static TransportThreadCalls only(Executor pool, MethodDescriptor<?, ?>... methods) {
    return new TransportThreadCalls(
        pool,
        Arrays.stream(methods)
            .map(MethodDescriptor::getFullMethodName)
            .collect(Collectors.toUnmodifiableSet()));
  }

  /** {@code null} (the server's own executor, direct) for the named methods, else the pool. */
  @Override
  public <Q, A> Executor getExecutor(ServerCall<Q, A> call, Metadata headers) {
    return direct.contains(call.getMethodDescriptor().getFullMethodName()) ? null : pool;
  }
}
