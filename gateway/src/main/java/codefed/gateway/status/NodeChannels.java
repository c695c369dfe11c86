package codefed.gateway.status;

import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.SpiffeId;
import codefed.tls.MtlsCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * mTLS channels to an issuer's node addresses, as this gateway's identity; the handshake fails
 * unless the server presents exactly the issuer's node identity. HTTP/2 keepalive pings find a
 * half-open connection (a peer or middlebox gone silent without closing) within {@link
 * #KEEPALIVE_TIME} + {@link #KEEPALIVE_TIMEOUT} and close it, so the channel reconnects; nodes
 * permit pings this often.
 */
final class NodeChannels {
  /** Assertions are small; an itinerary of a few hundred visits still fits. */
  static final int MAX_INBOUND_MESSAGE_BYTES = 256 * 1024;

  static final int MAX_INBOUND_METADATA_BYTES = 16 * 1024;

  /** Ping after this long without reads; at least the node's permitted 10 s. */
  static final Duration KEEPALIVE_TIME = Duration.ofSeconds(20);

  /** A ping unanswered for this long closes the connection. */
  static final Duration KEEPALIVE_TIMEOUT = Duration.ofSeconds(5);

  private NodeChannels() {}

  static List<ManagedChannel> open(PkiDirectory pki, String gatewayName, NodeRoute route) {
    ChannelCredentials credentials =
        MtlsCredentials.client(
            pki, Role.GATEWAY, gatewayName, SpiffeId.parse(route.expectedIdentity()));
    return route.addresses().stream()
        .map(
            address ->
                Grpc.newChannelBuilder(address, credentials)
                    .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                    .maxInboundMetadataSize(MAX_INBOUND_METADATA_BYTES)
                    .keepAliveTime(KEEPALIVE_TIME.toNanos(), TimeUnit.NANOSECONDS)
                    .keepAliveTimeout(KEEPALIVE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS)
                    .keepAliveWithoutCalls(true)
                    // Answers are checked and decided on the transport thread that read them (no
                    // hop to a pool): that work is CPU only, and the audit log takes the record
                    // without blocking.
                    .directExecutor()
                    .build())
        .toList();
  }
}
