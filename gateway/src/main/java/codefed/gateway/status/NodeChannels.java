package codefed.gateway.status;

import codefed.pki.PkiDirectory;
import codefed.pki.Role;
import codefed.pki.SpiffeId;
import codefed.tls.MtlsCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import java.util.List;

/**
 * mTLS channels to an issuer's node addresses, as this gateway's identity; the handshake fails
 * unless the server presents exactly the issuer's node identity.
 */
final class NodeChannels {
  /** Assertions are small; an itinerary of a few hundred visits still fits. */
  static final int MAX_INBOUND_MESSAGE_BYTES = 256 * 1024;

  static final int MAX_INBOUND_METADATA_BYTES = 16 * 1024;

  private NodeChannels() {}

  static List<ManagedChannel> open(PkiDirectory pki, String gatewayName, NodeRoute route) {
    ChannelCredentials credentials =
        MtlsCredentials.client(
            pki, Role.GATEWAY, gatewayName, SpiffeId.parse(route.expectedIdentity()));
    return route.addresses().stream()
        .map(address ->
            Grpc.newChannelBuilder(address, credentials)
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .maxInboundMetadataSize(MAX_INBOUND_METADATA_BYTES)
                .build())
        .toList();
  }
}
