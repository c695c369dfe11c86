package codefed.cli.drill;

import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
import healthcode.federation.v1.NodeDrillServiceGrpc;
import healthcode.federation.v1.SetFaultRequest;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Takes a drill's nodes down and up the way a province's operators would: through the node's {@code
 * NodeDrillService} over mTLS, as that province's own platform (no other platform may). One channel
 * per node, opened on first use.
 */
public final class DrillFaults implements AutoCloseable {
  private static final long DEADLINE_SECONDS = 10;

  private final Function<String, PkiDirectory> platformBundle;
  private final ToIntFunction<String> portOf;
  private final Map<String, ManagedChannel> channels = new LinkedHashMap<>();

  /**
   * @param platformBundle the bundle of each province's platform, which alone may drill its node
   */
  DrillFaults(Function<String, PkiDirectory> platformBundle, ToIntFunction<String> portOf) {
    this.platformBundle = platformBundle;
    this.portOf = portOf;
  }

  /** Node {@code issuer} answers every node RPC with UNAVAILABLE (health NOT_SERVING). */
  public void down(String issuer) {
    set(issuer, SetFaultRequest.newBuilder().setDown(true).build());
  }

  /** Node {@code issuer} is back, without injected faults. */
  public void up(String issuer) {
    set(issuer, SetFaultRequest.getDefaultInstance());
  }

  private void set(String issuer, SetFaultRequest request) {
    NodeDrillServiceGrpc.newBlockingStub(channel(issuer))
        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
        .setFault(request);
  }

  private synchronized ManagedChannel channel(String issuer) {
    return channels.computeIfAbsent(
        issuer,
        i -> {
          PkiDirectory platform = platformBundle.apply(i);
          return Grpc.newChannelBuilderForAddress(
                  "localhost",
                  portOf.applyAsInt(i),
                  MtlsCredentials.client(
                      platform, Role.PLATFORM, i, platform.spiffeId(Role.NODE, i)))
              .build();
        });
  }

  @Override
  public synchronized void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    channels.clear();
  }
}
