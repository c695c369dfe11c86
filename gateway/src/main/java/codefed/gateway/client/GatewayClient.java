package codefed.gateway.client;

import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.tls.MtlsCredentials;
import codefed.tls.ServerPin;
import healthcode.federation.v1.Decision;
import healthcode.federation.v1.RecognitionServiceGrpc;
import healthcode.federation.v1.RecognizeRequest;
import healthcode.federation.v1.Scan;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.NameResolverRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * A checkpoint's connection to its jurisdiction's gateway fleet: mutual TLS from the checkpoint's
 * bundle, every server pinned to the fleet ({@link ServerPin#gatewayFleet}), scans spread by round
 * robin over the gateways that report SERVING, and a gateway that dies left out until it is healthy
 * again ({@link FleetServiceConfig}).
 *
 * <pre>{@code
 * try (GatewayClient client = GatewayClient.connect(
 *     GatewayAddresses.parse(List.of("gw-a:8443,gw-b:8443")), bundle, "checkpoint-1",
 *     ServerPin.gatewayFleet(bundle.trustDomain(), "150000"))) {
 *   Decision d = client.recognize(scan, Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * <p>A scan that fails with {@code UNAVAILABLE} after it was sent is not repeated: the gateway may
 * have recorded it. The caller scans the code again, which is a new decision.
 */
public final class GatewayClient implements AutoCloseable {
  private final ManagedChannel channel;
  private final GatewayAddresses addresses;

  private GatewayClient(ManagedChannel channel, GatewayAddresses addresses) {
    this.channel = channel;
    this.addresses = addresses;
  }

  /** Opens the channel (connections are made on the first call). */
  public static GatewayClient connect(
      GatewayAddresses addresses, PkiDirectory checkpointBundle, String checkpoint, ServerPin pin) {
    return connect(
        addresses, MtlsCredentials.client(checkpointBundle, Role.CHECKPOINT, checkpoint, pin));
  }

  /** As above with ready-made credentials (tests, a proxy in front of the fleet). */
  public static GatewayClient connect(GatewayAddresses addresses, ChannelCredentials credentials) {
    Objects.requireNonNull(addresses, "addresses");
    // One address: the default resolvers (DNS: every record of the name is a gateway). Several:
    // a registry of its own, so the process-wide default scheme stays untouched.
    NameResolverRegistry registry = NameResolverRegistry.getDefaultRegistry();
    if (addresses.entries().size() > 1) {
      registry = new NameResolverRegistry();
      registry.register(new AddressListResolverProvider());
    }
    ManagedChannel channel =
        Grpc.newChannelBuilder(addresses.target(), credentials, registry)
            .defaultServiceConfig(FleetServiceConfig.get())
            .enableRetry()
            .build();
    return new GatewayClient(channel, addresses);
  }

  /** One scan; throws {@link io.grpc.StatusRuntimeException} as the blocking stub does. */
  public Decision recognize(Scan scan, Duration deadline) {
    return RecognitionServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
        .recognize(RecognizeRequest.newBuilder().setScan(scan).build())
        .getDecision();
  }

  /** The channel, for other stubs (streaming scans, manual verifications). */
  public ManagedChannel channel() {
    return channel;
  }

  public GatewayAddresses addresses() {
    return addresses;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
